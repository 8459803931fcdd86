package com.redeemupload.registry;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Imports redemptions made before this service (history from a previous system): stored as given, not checked by
 * the row rules, but counted by rules 11 to 13 from then on. The only writer of {@code redemption} besides the
 * job pipeline, and it takes the same per-series lock.
 */
public final class RedemptionHistory {

    public record PastRedemption(String couponCode, Long couponId, CustomerRef customer, long redeemedDateInMillis,
                                 Long redeemedAt, String billId, String billNumber, String details) {
    }

    private final DataSource dataSource;

    public RedemptionHistory(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public long importAll(long orgId, long seriesId, List<PastRedemption> redemptions) throws SQLException {
        Customers.Match customer = Customers.matchAny("t.kind", "t.key", orgId);
        String input = """
                with t as (
                    select t.*, %s as user_id, coalesce(ci.coupon_id, cc.coupon_id) as found_coupon_id
                    from unnest(?::text[], ?::bigint[], ?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::text[])
                         with ordinality as t(code, coupon_id, kind, key, redeemed_date, redeemed_at, bill_id, bill_number, details, ord)
                    %s
                    left join coupon ci on ci.series_id = %d and ci.coupon_id = t.coupon_id
                    left join coupon cc on t.coupon_id is null and cc.series_id = %d and cc.coupon_code = t.code
                )
                """.formatted(customer.userId(), customer.joins(), seriesId, seriesId);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement lock = c.prepareStatement("select pg_advisory_xact_lock(1, ?::integer)");
                 PreparedStatement unknown = c.prepareStatement(input + "select ord, user_id is null, found_coupon_id is null from t "
                         + "where user_id is null or found_coupon_id is null order by ord limit 5");
                 PreparedStatement insert = c.prepareStatement(input + "insert into redemption (org_id, series_id, coupon_id, user_id, "
                         + "redeemed_date, redeemed_at, bill_id, bill_number, details, imported) select " + orgId + ", " + seriesId
                         + ", found_coupon_id, user_id, redeemed_date, redeemed_at, bill_id, bill_number, details, true from t order by ord")) {
                lock.setLong(1, seriesId);
                lock.execute();
                RedemptionIds.lock(c);   // the insert draws its ids from the sequence row by row
                for (PreparedStatement ps : List.of(unknown, insert)) {
                    ps.setArray(1, c.createArrayOf("text", redemptions.stream().map(PastRedemption::couponCode).toArray()));
                    ps.setArray(2, c.createArrayOf("bigint", redemptions.stream().map(PastRedemption::couponId).toArray()));
                    ps.setArray(3, c.createArrayOf("text", redemptions.stream().map(r -> Customers.kindOf(r.customer())).toArray()));
                    ps.setArray(4, c.createArrayOf("text", redemptions.stream().map(r -> Customers.keyOf(r.customer())).toArray()));
                    ps.setArray(5, c.createArrayOf("bigint", redemptions.stream().map(PastRedemption::redeemedDateInMillis).toArray()));
                    ps.setArray(6, c.createArrayOf("bigint", redemptions.stream().map(PastRedemption::redeemedAt).toArray()));
                    ps.setArray(7, c.createArrayOf("text", redemptions.stream().map(PastRedemption::billId).toArray()));
                    ps.setArray(8, c.createArrayOf("text", redemptions.stream().map(PastRedemption::billNumber).toArray()));
                    ps.setArray(9, c.createArrayOf("text", redemptions.stream().map(PastRedemption::details).toArray()));
                }
                List<String> problems = new ArrayList<>();
                try (ResultSet rs = unknown.executeQuery()) {
                    while (rs.next()) {
                        int i = rs.getInt(1) - 1;
                        PastRedemption r = redemptions.get(i);
                        problems.add("redemptions[" + i + "]: " + (rs.getBoolean(2) ? "the org has no customer with " + r.customer()
                                : "series " + seriesId + " has no coupon " + (r.couponId() != null ? "with couponId " + r.couponId()
                                : "with couponCode '" + r.couponCode() + "'")));
                    }
                }
                if (!problems.isEmpty()) {
                    throw new RegistryRequestException(String.join("; ", problems) + "; nothing was imported");
                }
                int imported = insert.executeUpdate();
                c.commit();
                return imported;
            } finally {
                c.rollback();
            }
        }
    }
}
