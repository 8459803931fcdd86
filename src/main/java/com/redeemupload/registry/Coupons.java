package com.redeemupload.registry;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** All SQL on {@code coupon}. Bulk adds are one statement over arrays, not a statement per coupon. */
public final class Coupons {

    /** A coupon to issue: its code, optionally the customer it is issued to and when it expires. */
    public record NewCoupon(String couponCode, CustomerRef issuedTo, Long expiresOn) {
    }

    private final DataSource dataSource;

    public Coupons(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Adds coupons to a series; a code the series has already is left as it is. Unknown customers refuse the batch. */
    public BulkResult addAll(long orgId, long seriesId, List<NewCoupon> coupons) throws SQLException {
        Customers.Match customer = Customers.matchAny("t.kind", "t.key", orgId);
        String input = """
                with t as (
                    select t.*, %s as user_id
                    from unnest(?::text[], ?::text[], ?::text[], ?::bigint[]) with ordinality as t(code, kind, key, expires, ord)
                    %s
                )
                """.formatted(customer.userId(), customer.joins());
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement unknown = c.prepareStatement(input + "select ord from t where kind is not null and user_id is null order by ord limit 5");
                 PreparedStatement insert = c.prepareStatement(input + "insert into coupon (series_id, coupon_code, issued_to, expires_on) "
                         + "select " + seriesId + ", code, user_id, expires from t order by ord on conflict (series_id, coupon_code) do nothing")) {
                for (PreparedStatement ps : List.of(unknown, insert)) {
                    ps.setArray(1, c.createArrayOf("text", coupons.stream().map(NewCoupon::couponCode).toArray()));
                    ps.setArray(2, c.createArrayOf("text", coupons.stream().map(n -> Customers.kindOf(n.issuedTo())).toArray()));
                    ps.setArray(3, c.createArrayOf("text", coupons.stream().map(n -> Customers.keyOf(n.issuedTo())).toArray()));
                    ps.setArray(4, c.createArrayOf("bigint", coupons.stream().map(NewCoupon::expiresOn).toArray()));
                }
                List<String> problems = new ArrayList<>();
                try (ResultSet rs = unknown.executeQuery()) {
                    while (rs.next()) {
                        int i = rs.getInt(1) - 1;
                        problems.add("coupons[" + i + "].issuedTo: the org has no customer with " + coupons.get(i).issuedTo());
                    }
                }
                if (!problems.isEmpty()) {
                    throw new RegistryRequestException(String.join("; ", problems) + "; add the customers first, nothing was added");
                }
                int created = insert.executeUpdate();
                c.commit();
                TableSamples.afterBulkAdd(c, "coupon", created);
                return new BulkResult(created, coupons.size() - created);
            } finally {
                c.rollback();
            }
        }
    }

    /** Coupons of a series by code, for callers who want the couponId (uploads with couponIdentifier COUPON_ID). */
    public List<Map<String, Object>> find(long seriesId, List<String> codes) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select coupon_id, coupon_code, cu.org_user_id, expires_on from coupon "
                     + "left join customer cu on cu.user_id = coupon.issued_to "   // the org's userId, not the internal key
                     + "where series_id = ? and coupon_code = any (?) order by coupon_id")) {
            ps.setLong(1, seriesId);
            ps.setArray(2, c.createArrayOf("text", codes.toArray()));
            List<Map<String, Object>> found = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> coupon = new LinkedHashMap<>();
                    coupon.put("couponId", rs.getLong(1));
                    coupon.put("couponCode", rs.getString(2));
                    coupon.put("issuedTo", rs.getObject(3));
                    coupon.put("expiresOn", rs.getObject(4));
                    found.add(coupon);
                }
            }
            return found;
        }
    }
}
