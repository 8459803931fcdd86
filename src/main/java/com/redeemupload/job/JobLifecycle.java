package com.redeemupload.job;

import com.redeemupload.pipeline.BadFileException;
import com.redeemupload.registry.TableSamples;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Claims queued jobs for this worker and ends them: progress, COMPLETED, FAILED, release.
 * <p>
 * A claim is a session advisory lock on the job id, held by the lease's connection for the whole attempt. Any
 * instance can claim any queued job, and a job left PROCESSING by a dead process is claimable again at once, since
 * PostgreSQL drops a dead session's locks. Each claim counts an attempt, and every write of the attempt checks it,
 * so an attempt that lost its lock can never overwrite the outcome of the next one.
 */
public final class JobLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(JobLifecycle.class);
    private static final int CANDIDATES = 20;
    private static final long PROGRESS_INTERVAL_NANOS = 250_000_000L;

    private final DataSource dataSource;
    private final int maxAttempts;

    public JobLifecycle(DataSource dataSource, int maxAttempts) {
        this.dataSource = dataSource;
        this.maxAttempts = maxAttempts;
    }

    /** The next job this worker may process, locked and marked PROCESSING; null when there is none. */
    public JobLease claimNext() throws SQLException {
        Connection c = dataSource.getConnection();
        try {
            c.setAutoCommit(true);
            for (long jobId : Jobs.openJobIds(c, CANDIDATES)) {
                if (!tryLock(c, jobId)) {
                    continue; // another worker has it
                }
                Optional<Job> job = Jobs.startAttempt(c, jobId, "staging.job_" + jobId);
                if (job.isEmpty()) {
                    unlock(c, jobId); // it ended between the look and the lock
                    continue;
                }
                JobLease lease = new JobLease(c, job.get());
                if (job.get().attempts() > maxAttempts) {
                    Jobs.fail(c, job.get(), 0, "processing stopped " + maxAttempts + " times before it ended (the service "
                            + "was killed or ran out of memory while working on this file); upload it again, or split it");
                    release(lease);
                    continue;
                }
                LOG.info("Claimed job {} of series {} (attempt {})", jobId, job.get().seriesId(), job.get().attempts());
                return lease;
            }
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
        c.close();
        return null;
    }

    /**
     * On a connection of its own: the lease's is busy with the COPY into the staging table. At most every
     * {@link #PROGRESS_INTERVAL_NANOS}: each record is a commit, and a reader polling the job needs no more.
     */
    public void recordProgress(@ExchangeProperty("lease") JobLease lease) throws SQLException {
        if (!lease.progressDue(PROGRESS_INTERVAL_NANOS)) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            Jobs.recordProgress(c, lease.job(), lease.rowsRead());
        }
    }

    /**
     * Records every row of the file as handled once it is staged: {@link #recordProgress} may have skipped the last
     * chunks, and the job may wait next (for its series, while another job of it stores a big file) without looking
     * stalled short of the file's end meanwhile. The lease's connection is free again here.
     */
    public void recordAllRead(@ExchangeProperty("lease") JobLease lease) throws SQLException {
        Jobs.recordProgress(lease.connection(), lease.job(), lease.rowsRead());
    }

    /** Commits the attempt's transaction with the job COMPLETED: its redemptions become visible with it. */
    public Job complete(@ExchangeProperty("lease") JobLease lease) throws SQLException {
        long start = System.nanoTime();
        Connection c = lease.connection();
        Jobs.complete(c, lease.job(), lease.rowsRead(), lease.rowsAccepted(), lease.errorFileWritten());
        c.commit();
        c.setAutoCommit(true);
        lease.stageTook("commit", start);
        Job job = Jobs.get(c, lease.job().jobId());
        LOG.info("Job {} COMPLETED: {} rows, {} redeemed, {} refused ({})", job.jobId(), job.actualRowCount(),
                job.totalUploadedCount(), job.errorCount(), lease.timings());
        // before the series lock goes with the lease: the series' next job is planned on the new counts
        TableSamples.afterJob(c, job.totalUploadedCount());
        return job;
    }

    /** Rolls back whatever the attempt had not committed and ends the job FAILED with a reason a person can act on. */
    public Job fail(@ExchangeProperty("lease") JobLease lease, Exchange exchange) throws SQLException {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String reason = reasonFor(cause);
        Connection c = lease.connection();
        lease.cancelStaging();
        if (!c.getAutoCommit()) {
            c.rollback();
            c.setAutoCommit(true);
        }
        if (cause instanceof BadFileException) {
            LOG.info("Job {} FAILED: {}", lease.job().jobId(), reason);
        } else {
            LOG.error("Job {} FAILED", lease.job().jobId(), cause);
        }
        Jobs.fail(c, lease.job(), lease.rowsRead(), reason);
        return Jobs.get(c, lease.job().jobId());
    }

    /** Marks an ended job as handed on: its outbox files and its event are out. */
    public void delivered(long jobId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Jobs.delivered(c, jobId);
        }
    }

    /**
     * Ended jobs that were not handed on within {@code afterMs} of their end (or of the last try), to hand on again:
     * a crash between a job's commit and its outbox files or event must not lose them.
     */
    public List<Job> undelivered(long afterMs) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            List<Job> jobs = new ArrayList<>();
            for (long jobId : Jobs.claimUndelivered(c, afterMs, CANDIDATES)) {
                jobs.add(Jobs.get(c, jobId));
            }
            return jobs;
        }
    }

    public void release(@ExchangeProperty("lease") JobLease lease) {
        Connection c = lease.connection();
        try {
            lease.cancelStaging();
            if (!c.getAutoCommit()) {
                c.rollback();
                c.setAutoCommit(true);
            }
            unlockAll(c);   // the job's lock, and the series lock the decisions took
        } catch (SQLException e) {
            LOG.warn("Could not release the lock of {} cleanly ({}); closing its connection frees it", lease, e.getMessage());
        } finally {
            try {
                c.close();
            } catch (SQLException e) {
                LOG.debug("closing the connection of {}", lease, e);
            }
        }
    }

    private static String reasonFor(Exception cause) {
        if (cause instanceof BadFileException) {
            return cause.getMessage();
        }
        Throwable root = cause;
        while (root != null && root.getCause() != null) {
            root = root.getCause();
        }
        return "the service could not process the file: " + (root == null ? "unknown error" : root.getMessage());
    }

    private static boolean tryLock(Connection c, long jobId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select pg_try_advisory_lock(?)")) {
            ps.setLong(1, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static void unlockAll(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("select pg_advisory_unlock_all()");
        }
    }

    private static void unlock(Connection c, long jobId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select pg_advisory_unlock(?)")) {
            ps.setLong(1, jobId);
            ps.execute();
        }
    }
}
