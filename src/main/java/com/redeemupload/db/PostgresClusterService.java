package com.redeemupload.db;

import org.apache.camel.support.cluster.AbstractCamelClusterService;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Camel's cluster service on the service's PostgreSQL, for what one instance at a time may do (a route under
 * camel-cluster's {@code ClusteredRoutePolicy}): instances need to share nothing but the database. A namespace is led
 * by whoever holds a session advisory lock named after it; PostgreSQL frees the lock when that session ends, so an
 * instance that stops, dies or loses the database loses the lead, and one of the others takes it at its next check.
 */
public final class PostgresClusterService extends AbstractCamelClusterService<PostgresClusterView> {

    /** Opens a database session of its own, outside any pool: closing it must end the session. */
    @FunctionalInterface
    public interface Sessions {
        Connection open(Properties properties) throws SQLException;
    }

    private final Sessions sessions;
    private final Duration checkInterval;
    private ScheduledExecutorService executor;

    /**
     * @param checkInterval how often a leader checks that its session is still there, and a standby tries to lead
     */
    public PostgresClusterService(Sessions sessions, Duration checkInterval) {
        // pid@host: who leads, in the logs and in pg_stat_activity
        super(ManagementFactory.getRuntimeMXBean().getName());
        this.sessions = sessions;
        this.checkInterval = checkInterval;
    }

    @Override
    protected PostgresClusterView createView(String namespace) {
        return new PostgresClusterView(this, namespace);
    }

    @Override
    protected void doStart() throws Exception {
        executor = getCamelContext().getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "ClusterLeadership");
        super.doStart();
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        if (executor != null) {
            getCamelContext().getExecutorServiceManager().shutdownNow(executor);
            executor = null;
        }
    }

    Sessions sessions() {
        return sessions;
    }

    Duration checkInterval() {
        return checkInterval;
    }

    ScheduledExecutorService executor() {
        return executor;
    }
}
