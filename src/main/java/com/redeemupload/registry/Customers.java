package com.redeemupload.registry;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** All SQL on {@code customer}. Bulk adds are one statement over arrays, not a statement per customer. */
public final class Customers {

    public record NewCustomer(Long userId, String mobile, String email, String externalId, String name) {
    }

    private final DataSource dataSource;

    public Customers(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Adds the customers an org does not have yet; one that matches an existing identifier is left as it is. */
    public BulkResult addAll(long orgId, List<NewCustomer> customers) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            int created;
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into customer (org_id, user_id, mobile, email, external_id, name)
                    select ?, coalesce(u, nextval(pg_get_serial_sequence('customer', 'user_id'))), m, e, x, n
                    from unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[]) as t(u, m, e, x, n)
                    on conflict do nothing""")) {
                ps.setLong(1, orgId);
                ps.setArray(2, array(c, "bigint", customers.stream().map(NewCustomer::userId).toArray()));
                ps.setArray(3, array(c, "text", customers.stream().map(NewCustomer::mobile).toArray()));
                ps.setArray(4, array(c, "text", customers.stream().map(NewCustomer::email).toArray()));
                ps.setArray(5, array(c, "text", customers.stream().map(NewCustomer::externalId).toArray()));
                ps.setArray(6, array(c, "text", customers.stream().map(NewCustomer::name).toArray()));
                created = ps.executeUpdate();
            }
            if (customers.stream().anyMatch(n -> n.userId() != null)) {
                // given userIds must not be handed out again by the sequence
                try (PreparedStatement ps = c.prepareStatement("select setval(pg_get_serial_sequence('customer', 'user_id'), "
                        + "greatest((select max(user_id) from customer), (select last_value from customer_user_id_seq)))")) {
                    ps.execute();
                }
            }
            c.commit();
            return new BulkResult(created, customers.size() - created);
        }
    }

    /** The userId of the customer a reference names, if the org has one. */
    public Long resolve(long orgId, CustomerRef ref) throws SQLException {
        String where = ref.userId() != null ? "user_id = ?" : ref.mobile() != null ? "mobile = ?"
                : ref.email() != null ? "lower(email) = lower(?)" : "external_id = ?";
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select user_id from customer where org_id = ? and " + where)) {
            ps.setLong(1, orgId);
            if (ref.userId() != null) {
                ps.setLong(2, ref.userId());
            } else {
                ps.setString(2, ref.mobile() != null ? ref.mobile() : ref.email() != null ? ref.email() : ref.externalId());
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    /**
     * SQL that finds the customer a row names, for set-based look-ups: the joins to add after a FROM whose row has
     * {@code kind} ('M' mobile, 'E' email, 'X' externalId, 'U' userId) and {@code key}, and
     * {@link #MATCHED_USER_ID}, the matched userId (null when none). Email matches without regard to case.
     */
    public static String matchJoins(String kind, String key, long orgId) {
        return """
                left join customer cm on %1$s = 'M' and cm.org_id = %3$d and cm.mobile = %2$s
                left join customer ce on %1$s = 'E' and ce.org_id = %3$d and lower(ce.email) = lower(%2$s)
                left join customer cx on %1$s = 'X' and cx.org_id = %3$d and cx.external_id = %2$s
                left join customer cu on %1$s = 'U' and cu.org_id = %3$d
                                     and cu.user_id = case when %1$s = 'U' and %2$s ~ '^[0-9]{1,18}$' then %2$s::bigint end
                """.formatted(kind, key, orgId);
    }

    public static final String MATCHED_USER_ID = "coalesce(cm.user_id, ce.user_id, cx.user_id, cu.user_id)";

    /** The kind letter {@link #matchJoins} expects for a reference. */
    public static String kindOf(CustomerRef ref) {
        return ref == null || ref.isEmpty() ? null : ref.userId() != null ? "U" : ref.mobile() != null ? "M"
                : ref.email() != null ? "E" : "X";
    }

    public static String keyOf(CustomerRef ref) {
        return ref == null || ref.isEmpty() ? null : ref.userId() != null ? ref.userId().toString()
                : ref.mobile() != null ? ref.mobile() : ref.email() != null ? ref.email() : ref.externalId();
    }

    static Array array(Connection c, String type, Object[] values) throws SQLException {
        return c.createArrayOf(type, values);
    }
}
