package com.redeemupload.registry;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** All SQL on {@code coupon_series}. */
public final class SeriesStore {

    private static final String COLUMNS = "series_id, org_id, name, any_user, same_user_multiple_redeem, "
            + "redemption_per_coupon_max_limit, max_redemptions_in_series_per_user, valid_till";

    private final DataSource dataSource;

    public SeriesStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Series create(long orgId, String name, boolean anyUser, boolean sameUserMultipleRedeem,
                         int redemptionPerCouponMaxLimit, int maxRedemptionsInSeriesPerUser, Long validTill) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("insert into coupon_series (org_id, name, any_user, "
                     + "same_user_multiple_redeem, redemption_per_coupon_max_limit, max_redemptions_in_series_per_user, "
                     + "valid_till) values (?, ?, ?, ?, ?, ?, ?) returning " + COLUMNS)) {
            ps.setLong(1, orgId);
            ps.setString(2, name);
            ps.setBoolean(3, anyUser);
            ps.setBoolean(4, sameUserMultipleRedeem);
            ps.setInt(5, redemptionPerCouponMaxLimit);
            ps.setInt(6, maxRedemptionsInSeriesPerUser);
            if (validTill == null) {
                ps.setNull(7, Types.BIGINT);
            } else {
                ps.setLong(7, validTill);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return map(rs);
            }
        }
    }

    /** The series, if it belongs to the org: another org's series is as absent as one that does not exist. */
    public Optional<Series> find(long orgId, long seriesId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from coupon_series where series_id = ? and org_id = ?")) {
            ps.setLong(1, seriesId);
            ps.setLong(2, orgId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    public List<Series> list(long orgId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from coupon_series where org_id = ? order by series_id")) {
            ps.setLong(1, orgId);
            List<Series> all = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    all.add(map(rs));
                }
            }
            return all;
        }
    }

    private static Series map(ResultSet rs) throws SQLException {
        long validTill = rs.getLong(8);
        Long validTillOrNull = rs.wasNull() ? null : validTill;
        return new Series(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getBoolean(4), rs.getBoolean(5),
                rs.getInt(6), rs.getInt(7), validTillOrNull);
    }
}
