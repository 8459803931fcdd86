package com.redeemupload.registry;

import com.redeemupload.upload.CustomerIdentifier;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/** All SQL on {@code customer}. Bulk adds are one statement over arrays, not a statement per customer. */
public final class Customers {

    public record NewCustomer(Long userId, String mobile, String email, String externalId, String name) {
    }

    private final DataSource dataSource;

    public Customers(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Adds the customers an org does not have yet; one that matches an existing identifier of the org (its userId
     * included) is left as it is. A customer without a userId gets the next after the highest the org has or is given.
     */
    public BulkResult addAll(long orgId, List<NewCustomer> customers) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                long highest = highestUserId(c, orgId, customers);
                long unnumbered = customers.stream().filter(n -> n.userId() == null).count();
                if (unnumbered > 0 && highest > Long.MAX_VALUE - unnumbered) {
                    throw new RegistryRequestException("userId: this org's userIds already reach " + highest
                            + ", so none is left to assign; give each new customer a userId");
                }
                int created;
                try (PreparedStatement ps = c.prepareStatement("""
                        insert into customer (org_id, org_user_id, mobile, email, external_id, name)
                        select ?, coalesce(u, ? + count(*) filter (where u is null) over (order by o)), m, e, x, n
                        from unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[]) with ordinality as t(u, m, e, x, n, o)
                        on conflict do nothing""")) {
                    ps.setLong(1, orgId);
                    ps.setLong(2, highest);
                    ps.setArray(3, array(c, "bigint", customers.stream().map(NewCustomer::userId).toArray()));
                    ps.setArray(4, array(c, "text", customers.stream().map(NewCustomer::mobile).toArray()));
                    ps.setArray(5, array(c, "text", customers.stream().map(NewCustomer::email).toArray()));
                    ps.setArray(6, array(c, "text", customers.stream().map(NewCustomer::externalId).toArray()));
                    ps.setArray(7, array(c, "text", customers.stream().map(NewCustomer::name).toArray()));
                    created = ps.executeUpdate();
                }
                c.commit();
                TableSamples.afterBulkAdd(c, "customer", created);
                return new BulkResult(created, customers.size() - created);
            } finally {
                c.rollback();
            }
        }
    }

    /** The org's highest userId, stored or given in the batch; the org's adds take turns from here to their commit. */
    private static long highestUserId(Connection c, long orgId, List<NewCustomer> customers) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("select 1 from org where org_id = ? for update")) {
            lock.setLong(1, orgId);
            lock.execute();
        }
        try (PreparedStatement ps = c.prepareStatement("select coalesce(max(org_user_id), 0) from customer where org_id = ?")) {
            ps.setLong(1, orgId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long given = customers.stream().map(NewCustomer::userId).filter(Objects::nonNull).mapToLong(Long::longValue).max().orElse(0);
                return Math.max(rs.getLong(1), given);
            }
        }
    }

    /**
     * SQL that finds the customer a row names, for set-based look-ups: {@link #joins()} to add after a FROM whose
     * rows have {@code kind} (a {@link CustomerIdentifier#code()}) and {@code key}, and {@link #userId()}, the matched
     * customer's internal key {@code customer.user_id} (null when none; the org's userId is {@code org_user_id}). Only the identifiers in {@code kinds} are joined: each join reads the org's customers.
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
                // digits that fit a bigint: 18, or 19 up to its largest
                case USER_ID -> alias + ".org_user_id = case when " + kind + " = 'U' and (" + key + " ~ '^[0-9]{1,18}$' or "
                        + key + " ~ '^[0-9]{19}$' and " + key + " <= '9223372036854775807' collate \"C\") then " + key + "::bigint end";
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
