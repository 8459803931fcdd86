package com.redeemupload.pipeline;

import java.sql.SQLException;
import java.sql.Statement;

/**
 * The planner settings of every statement that reads a whole file's rows (rules 6 to 13, the insert, the result
 * files' query), set in its transaction: one statement planned with PostgreSQL's defaults and another with these
 * would choose between hashing and sorting a million rows on different grounds.
 */
final class WholeFileSettings {

    private WholeFileSettings() {
    }

    /** Applies them for the rest of {@code st}'s transaction (SET LOCAL), which must not be in autocommit. */
    static void apply(Statement st, String workMem) throws SQLException {
        st.execute("set local work_mem = '" + workMem + "'");   // hashes and sorts of a whole file stay in memory
        // the default (0.1) makes passing a million rows up from parallel workers look dearer than it is: with
        // it PostgreSQL joins a file to the registry on one core, in twice the time
        st.execute("set local parallel_tuple_cost = 0.01");
    }
}
