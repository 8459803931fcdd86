package com.redeemupload.db;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/** Tells a database that cannot be reached (down, restarting, cut off) from a statement that failed. */
public final class ConnectionLoss {

    /** PostgreSQL's: shutting down, crashed, starting up */
    private static final Set<String> SERVER_GOING = Set.of("57P01", "57P02", "57P03");

    private ConnectionLoss() {
    }

    /** Whether {@code e}, or one of its causes, says the database cannot be reached (SQLSTATE class 08 and kin). */
    public static boolean isCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || SERVER_GOING.contains(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
