package com.redeemupload.registry;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Has PostgreSQL sample a registry table again after a bulk add. Until it does, a series (or an org) it has not seen
 * looks empty to its planner (1 row), and a look-up planned on that reads the whole series once per row: 4,524 past
 * redemptions imported into a fresh series of 250,000 coupons took 2.5 minutes, 0.14 s once sampled. Autoanalyze
 * waits for a tenth of the table to change, which a new series of a big table seldom is.
 */
public final class TableSamples {

    /** From this many rows added at once; below, the planner's guess costs little. */
    private static final int AFTER_ROWS = 1_000;
    /** A job's redemptions are sampled when they grew the table by this part of it (autoanalyze waits as long, and more). */
    private static final double REDEMPTION_GROWTH = 0.1;

    private TableSamples() {
    }

    /**
     * Samples {@code table} (every column: an analyze of some resets the count autoanalyze waits on, so the others
     * would never be sampled again) when {@code added} rows went in, in a transaction of its own on {@code c}, which
     * must not be in autocommit.
     */
    static void afterBulkAdd(Connection c, String table, int added) throws SQLException {
        if (added < AFTER_ROWS) {
            return;
        }
        try (Statement st = c.createStatement()) {
            st.execute("analyze " + table);
        }
        c.commit();
    }

    /**
     * Samples {@code redemption} after a committed job stored {@code added} redemptions, when they are a tenth of
     * what the table had or more: a big job into a fresh series is otherwise a series of one row to the planner
     * until autoanalyze comes round, for every statement that reads the series meanwhile. {@code c} is in autocommit.
     */
    public static void afterJob(Connection c, long added) throws SQLException {
        if (added < AFTER_ROWS) {
            return;
        }
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select reltuples from pg_class where oid = 'redemption'::regclass")) {
            rs.next();
            double before = rs.getDouble(1);   // -1 when never sampled
            if (added >= REDEMPTION_GROWTH * before) {
                st.execute("analyze redemption");
            }
        }
    }
}
