package com.redeemupload.db;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * The database's health, {@code redeem/database}: DOWN while it does not answer a trivial query within the
 * timeout, so a load balancer stops sending calls that would only fail. Asked on a session of its own, outside
 * the pool: a pool busy with jobs is no sign of a database that is gone.
 */
public final class DatabaseHealth extends AbstractHealthCheck {

    private final PostgresClusterService.Sessions sessions;
    private final int timeoutSeconds;
    private Connection session;

    public DatabaseHealth(PostgresClusterService.Sessions sessions, Duration timeout) {
        super("redeem", "database");
        this.sessions = sessions;
        this.timeoutSeconds = (int) Math.max(1, timeout.toSeconds());
    }

    /** Readiness only: restarting this instance would not bring the database back. */
    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected synchronized void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        try {
            if (session == null || !session.isValid(timeoutSeconds)) {
                close();
                Properties properties = new Properties();
                properties.setProperty("ApplicationName", "redeem-upload health check");
                session = sessions.open(properties);
            }
            builder.up();
        } catch (SQLException | RuntimeException e) {
            close();
            builder.message("the database cannot be reached: " + e.getMessage());
            builder.down();
        }
    }

    private void close() {
        if (session != null) {
            try {
                session.close();
            } catch (SQLException ignored) {
                // it is gone already
            }
            session = null;
        }
    }
}
