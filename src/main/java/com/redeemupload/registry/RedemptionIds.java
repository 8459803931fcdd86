package com.redeemupload.registry;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Redemption ids all come from the table's sequence. A job takes a block of them at once, one id per line of its
 * file (id = block start + line), so every redemption id is known as soon as its row is judged, without drawing
 * from the sequence row by row or sorting the file to do it; ids rise in file order, and refused rows leave gaps.
 * Whoever else draws from the sequence (the history import) takes the same advisory lock, so nobody draws an id
 * between a block's first id and the sequence being moved past its end.
 */
public final class RedemptionIds {

    private static final String LOCK = "select pg_advisory_xact_lock(2, 0)";   // (1, series) is the series lock

    private RedemptionIds() {
    }

    /** Keeps blocks from being taken until the caller's transaction ends (for a statement that draws ids itself). */
    public static void lock(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(LOCK);
        }
    }

    /**
     * Takes ids {@code start + 1} to {@code start + lines} for a file of {@code lines} lines, in a transaction of its
     * own (the lock is held only that long), and returns {@code start}.
     */
    public static long reserve(Connection c, long lines) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.execute(LOCK);
            long start;
            try (ResultSet rs = st.executeQuery("select nextval('redemption_redemption_id_seq')")) {
                rs.next();
                start = rs.getLong(1);
            }
            st.execute("select setval('redemption_redemption_id_seq', " + (start + lines) + ")");
            c.commit();
            return start;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }
}
