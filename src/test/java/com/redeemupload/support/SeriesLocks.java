package com.redeemupload.support;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;

/**
 * The advisory lock a job takes on its series after rules 6-10 (see RowDecisions.decide), held from a test's own
 * connection to stop a job there: its worker stays busy, and nothing of it is stored yet.
 */
public final class SeriesLocks {

    private SeriesLocks() {
    }

    public static void hold(Connection c, long series) throws SQLException {
        call(c, "pg_advisory_lock", series);
    }

    public static void release(Connection c, long series) throws SQLException {
        call(c, "pg_advisory_unlock", series);
    }

    /** How many sessions wait for the lock of one of these series: the jobs stopped there. */
    public static long jobsWaiting(DataSource dataSource, Collection<Long> series) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select count(*) from pg_locks where locktype = 'advisory' "
                     + "and not granted and classid = 1 and objid = any(?)")) {
            ps.setArray(1, c.createArrayOf("bigint", series.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void call(Connection c, String function, long series) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + function + "(1, ?::int)")) {
            ps.setLong(1, series);
            ps.execute();
        }
    }
}
