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
 * <p>
 * Closing releases every lock still held: a pooled connection keeps its session's locks when it goes back to the
 * pool, so a test that failed before releasing would leave its job waiting, and the service (and the test run)
 * unable to stop.
 */
public final class SeriesLocks implements AutoCloseable {

    private final Connection connection;

    private SeriesLocks(Connection connection) {
        this.connection = connection;
    }

    /** Locks these series, on a connection of the holder's own. */
    public static SeriesLocks hold(DataSource dataSource, Collection<Long> series) throws SQLException {
        SeriesLocks locks = new SeriesLocks(dataSource.getConnection());
        try {
            for (long s : series) {
                locks.lock(s);
            }
        } catch (SQLException | RuntimeException e) {
            locks.close();
            throw e;
        }
        return locks;
    }

    /** Lets the held jobs go on. */
    @Override
    public void close() throws SQLException {
        try (connection; PreparedStatement ps = connection.prepareStatement("select pg_advisory_unlock_all()")) {
            ps.execute();
        }
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

    private void lock(long series) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("select pg_advisory_lock(1, ?::int)")) {
            ps.setLong(1, series);
            ps.execute();
        }
    }
}
