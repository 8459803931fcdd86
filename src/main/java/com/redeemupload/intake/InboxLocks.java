package com.redeemupload.intake;

import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The inbox read lock shared by every instance, as the file consumer's idempotent repository: all SQL on
 * {@code inbox_lock}. Taking a lock is one atomic statement, so two instances can never both hold one; a lock its
 * owner stopped refreshing (the instance died) is taken over after {@code maxAgeMs}.
 * <p>
 * Written for this service rather than taken from camel-sql: its JdbcOrphanLockAwareIdempotentRepository checks
 * for a live lock and then takes it in two statements, and between them a second instance can take the same lock.
 */
public final class InboxLocks extends ServiceSupport implements IdempotentRepository {

    private static final Logger LOG = LoggerFactory.getLogger(InboxLocks.class);

    private final DataSource dataSource;
    private final long maxAgeMs;
    private final String owner = UUID.randomUUID().toString();
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService refresher;

    public InboxLocks(DataSource dataSource, long maxAgeMs) {
        this.dataSource = dataSource;
        this.maxAgeMs = maxAgeMs;
    }

    @Override
    public boolean add(String key) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     insert into inbox_lock (file_key, owner, refreshed_at) values (?, ?, now())
                     on conflict (file_key) do update set owner = excluded.owner, refreshed_at = now()
                         where inbox_lock.refreshed_at < now() - make_interval(secs => ? / 1000.0)
                     returning file_key""")) {
            ps.setString(1, key);
            ps.setString(2, owner);
            ps.setLong(3, maxAgeMs);
            try (ResultSet rs = ps.executeQuery()) {
                boolean taken = rs.next();
                if (taken) {
                    held.add(key);
                }
                return taken;
            }
        } catch (SQLException e) {
            LOG.warn("Cannot take the inbox lock of {}: {}", key, e.getMessage());
            return false;
        }
    }

    @Override
    public boolean contains(String key) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select 1 from inbox_lock where file_key = ? "
                     + "and refreshed_at >= now() - make_interval(secs => ? / 1000.0)")) {
            ps.setString(1, key);
            ps.setLong(2, maxAgeMs);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the inbox locks: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean remove(String key) {
        held.remove(key);
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("delete from inbox_lock where file_key = ? and owner = ?")) {
            ps.setString(1, key);
            ps.setString(2, owner);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            LOG.warn("Cannot release the inbox lock of {} ({}); it expires by itself", key, e.getMessage());
            return false;
        }
    }

    @Override
    public boolean confirm(String key) {
        return true;
    }

    @Override
    public void clear() {
        held.forEach(this::remove);
    }

    private void refresh() {
        if (held.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("update inbox_lock set refreshed_at = now() where owner = ? and file_key = any (?)")) {
            ps.setString(1, owner);
            ps.setArray(2, c.createArrayOf("text", held.toArray()));
            ps.executeUpdate();
        } catch (SQLException e) {
            LOG.warn("Cannot refresh the inbox locks: {}", e.getMessage());
        }
    }

    @Override
    protected void doStart() {
        refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "inbox-lock-refresher");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(1000, maxAgeMs / 4);
        refresher.scheduleWithFixedDelay(this::refresh, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() {
        if (refresher != null) {
            refresher.shutdownNow();
        }
        clear();
    }
}
