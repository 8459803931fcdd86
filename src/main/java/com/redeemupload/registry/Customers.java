package com.redeemupload.registry;

import com.redeemupload.upload.CustomerIdentifier;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

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
            TableSamples.afterBulkAdd(c, "customer", created);
            return new BulkResult(created, customers.size() - created);
        }
    }

    /**
     * SQL that finds the customer a row names, for set-based look-ups: {@link #joins()} to add after a FROM whose
     * rows have {@code kind} (a {@link CustomerIdentifier#code()}) and {@code key}, and {@link #userId()}, the matched
     * userId (null when none). Only the identifiers in {@code kinds} are joined: each join reads the org's customers.
     * Email matches without regard to case.
     */
    public record Match(String joins, String userId) {
    }

    public static Match match(String kind, String key, long orgId, Set<CustomerIdentifier> kinds) {
        StringBuilder joins = new StringBuilder();
        List<String> ids = new ArrayList<>();
        for (CustomerIdentifier identifier : kinds) {
            String alias = "c" + identifier.code().toLowerCase(Locale.ROOT);
            String condition = switch (identifier) {
                case MOBILE -> alias + ".mobile = " + key;
                case EMAIL -> "lower(" + alias + ".email) = lower(" + key + ")";
                case EXTERNAL_ID -> alias + ".external_id = " + key;
                case USER_ID -> alias + ".user_id = case when " + kind + " = 'U' and " + key + " ~ '^[0-9]{1,18}$' then "
                        + key + "::bigint end";
            };
            joins.append("left join customer ").append(alias).append(" on ").append(kind).append(" = '").append(identifier.code())
                    .append("' and ").append(alias).append(".org_id = ").append(orgId).append(" and ").append(condition).append('\n');
            ids.add(alias + ".user_id");
        }
        return new Match(joins.toString(), ids.isEmpty() ? "null::bigint" : "coalesce(" + String.join(", ", ids) + ", null)");
    }

    /** Every identifier: for registry batches, which may mix them. */
    public static Match matchAny(String kind, String key, long orgId) {
        return match(kind, key, orgId, EnumSet.allOf(CustomerIdentifier.class));
    }

    /** The kind letter {@link #match} expects for a reference. */
    public static String kindOf(CustomerRef ref) {
        return ref == null || ref.isEmpty() ? null : identifierOf(ref).code();
    }

    public static String keyOf(CustomerRef ref) {
        return ref == null || ref.isEmpty() ? null : ref.userId() != null ? ref.userId().toString()
                : ref.mobile() != null ? ref.mobile() : ref.email() != null ? ref.email() : ref.externalId();
    }

    private static CustomerIdentifier identifierOf(CustomerRef ref) {
        return ref.userId() != null ? CustomerIdentifier.USER_ID : ref.mobile() != null ? CustomerIdentifier.MOBILE
                : ref.email() != null ? CustomerIdentifier.EMAIL : CustomerIdentifier.EXTERNAL_ID;
    }

    static Array array(Connection c, String type, Object[] values) throws SQLException {
        return c.createArrayOf(type, values);
    }
}
