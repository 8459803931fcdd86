package com.redeemupload.db;

import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.support.cluster.AbstractCamelClusterView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One namespace of {@link PostgresClusterService}: this instance leads it while its own database session holds the
 * advisory lock {@code (3, hash of the namespace)}. A standby keeps its session open and tries the lock at every
 * check; a leader only checks that its session is still there, and steps down as soon as it is not (PostgreSQL has
 * freed the lock with it, and another instance may lead already).
 */
final class PostgresClusterView extends AbstractCamelClusterView {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresClusterView.class);

    /** the advisory lock's first key: (1, series) and (2, 0) are taken elsewhere */
    private static final int LOCK_CLASS = 3;

    private final Member localMember = new Member();
    private final PostgresClusterService service;
    private Connection session;
    private volatile boolean leading;
    private ScheduledFuture<?> checks;

    PostgresClusterView(PostgresClusterService service, String namespace) {
        super(service, namespace);
        this.service = service;
    }

    @Override
    public Optional<CamelClusterMember> getLeader() {
        return leading ? Optional.of(localMember) : Optional.empty();
    }

    @Override
    public CamelClusterMember getLocalMember() {
        return localMember;
    }

    /** Not known: PostgreSQL tells whether the lock is free, not who else would take it. */
    @Override
    public List<CamelClusterMember> getMembers() {
        return List.of();
    }

    @Override
    protected void doStart() {
        long interval = service.checkInterval().toMillis();
        checks = service.executor().scheduleWithFixedDelay(this::check, 0, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    protected synchronized void doStop() {
        if (checks != null) {
            checks.cancel(false);
            checks = null;
        }
        if (leading) {
            LOG.info("This instance ({}) gives up the lead of {}", service.getId(), getNamespace());
        }
        closeSession();   // frees the lock at once, for a standby to take
    }

    private synchronized void check() {
        if (!isRunAllowed()) {
            return;
        }
        try {
            if (leading) {
                if (!session.isValid(timeoutSeconds())) {
                    LOG.warn("Lost the lead of {}: its database session has ended", getNamespace());
                    closeSession();
                }
                return;
            }
            if (session == null || !session.isValid(timeoutSeconds())) {
                closeSession();
                session = service.sessions().open(sessionProperties());
            }
            if (tryLock()) {
                leading = true;
                LOG.info("This instance ({}) now leads {}", service.getId(), getNamespace());
                fireLeadershipChangedEvent(Optional.of(localMember));
            }
        } catch (SQLException | RuntimeException e) {
            // the next check tries again; a scheduled task that throws would never run again
            LOG.warn("Could not check the lead of {}: {}", getNamespace(), e.getMessage());
            closeSession();
        }
    }

    private boolean tryLock() throws SQLException {
        try (PreparedStatement ps = session.prepareStatement("select pg_try_advisory_lock(?, ?)")) {
            ps.setInt(1, LOCK_CLASS);
            ps.setInt(2, getNamespace().hashCode());   // String.hashCode is the same in every JVM
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private void closeSession() {
        if (session != null) {
            try {
                session.close();
            } catch (SQLException e) {
                LOG.debug("Closing the session of {} failed", getNamespace(), e);
            }
            session = null;
        }
        if (leading) {
            leading = false;
            fireLeadershipChangedEvent(Optional.empty());
        }
    }

    private int timeoutSeconds() {
        return (int) Math.max(1, service.checkInterval().toSeconds());
    }

    private Properties sessionProperties() {
        Properties properties = new Properties();
        // who holds it, in pg_stat_activity
        properties.setProperty("ApplicationName", "redeem-upload leader of " + getNamespace());
        // PostgreSQL notices a leader whose machine vanished (and frees its lock) after about 25 s, not the
        // operating system's 2 hours
        properties.setProperty("options", "-c tcp_keepalives_idle=10 -c tcp_keepalives_interval=5 -c tcp_keepalives_count=3");
        properties.setProperty("tcpKeepAlive", "true");
        return properties;
    }

    private final class Member implements CamelClusterMember {

        @Override
        public boolean isLeader() {
            return leading;
        }

        @Override
        public boolean isLocal() {
            return true;
        }

        @Override
        public String getId() {
            return service.getId();
        }
    }
}
