package com.redeemupload.job;

import com.redeemupload.upload.CouponIdentifier;
import com.redeemupload.upload.CustomerIdentifier;

import org.postgresql.copy.CopyIn;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A worker's hold on one job for one attempt: the connection that holds the job's advisory lock (PostgreSQL frees
 * it when the worker's process dies, so another worker can take the job up), the job as claimed, and what the
 * attempt has found so far. All of the attempt's database work goes through this connection.
 */
public final class JobLease {

    private final Connection connection;
    private final Job job;
    private long rowsRead;
    private long chunksStaged;
    private long lastLine;
    private long rowsResolved;
    private volatile long rowsAccepted;
    private volatile long idBlockStart;
    private volatile boolean historyWithinFile;
    private final CompletableFuture<Void> limitsJudged = new CompletableFuture<>();
    private volatile boolean errorFileWritten;
    private final Set<CustomerIdentifier> customerIdentifiersSeen = EnumSet.noneOf(CustomerIdentifier.class);
    private final Set<CouponIdentifier> couponIdentifiersSeen = EnumSet.noneOf(CouponIdentifier.class);
    private CopyIn staging;
    private OutputStream stagingOut;
    private final StringBuilder timings = new StringBuilder();
    private long stageStart = System.nanoTime();
    private long progressRecordedAt = stageStart;

    JobLease(Connection connection, Job job) {
        this.connection = connection;
        this.job = job;
    }

    public Connection connection() {
        return connection;
    }

    public Job job() {
        return job;
    }

    public synchronized long rowsRead() {
        return rowsRead;
    }

    /** The line of the last row staged so far: where the file's rows end. */
    public synchronized long lastLine() {
        return lastLine;
    }

    /**
     * Counts a chunk of staged rows, where it ends and how its rows name customers and coupons; chunks are checked and staged on
     * several threads at once.
     */
    public synchronized void addRowsRead(long rows, long lastLine, Set<CustomerIdentifier> customers, Set<CouponIdentifier> coupons) {
        chunksStaged++;
        notifyAll();
        rowsRead += rows;
        this.lastLine = Math.max(this.lastLine, lastLine);
        customerIdentifiersSeen.addAll(customers);
        couponIdentifiersSeen.addAll(coupons);
    }

    /**
     * Waits until {@code chunks} chunks have been staged, or {@code timeoutMillis} has passed (a chunk that failed is
     * never staged). The file's reader calls it before it gives up on a bad line, so that the job fails only once the
     * chunks before that line are counted: its {@code processedCount} is then exact, and no late chunk records
     * progress on a job already FAILED.
     */
    public synchronized void awaitChunksStaged(long chunks, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        for (long left = timeoutMillis; chunksStaged < chunks && left > 0; left = (deadline - System.nanoTime()) / 1_000_000) {
            wait(left);
        }
    }

    /** The COPY into the staging table and where its rows are written, open while the file is read. */
    public synchronized void setStaging(CopyIn copy, OutputStream out) {
        staging = copy;
        stagingOut = out;
    }

    /**
     * Writes whole rows, in COPY's text format, to the open COPY. One writer at a time, and never once the COPY has
     * been ended or cancelled: a chunk still in flight when the job fails must not touch the connection again.
     */
    public synchronized void writeStaged(ByteArrayOutputStream rows) throws IOException {
        if (stagingOut == null) {
            throw new IOException("the COPY into the staging table of " + this + " has ended");
        }
        rows.writeTo(stagingOut);
    }

    /** Cancels the COPY, if one is open: one left open would keep the connection from doing anything else. */
    public synchronized void cancelStaging() throws SQLException {
        if (staging != null && staging.isActive()) {
            staging.cancelCopy();
        }
        setStaging(null, null);
    }

    /** Ends the COPY (every row written has been sent); false when none was open. */
    public synchronized boolean endStaging() throws IOException {
        if (stagingOut == null) {
            return false;
        }
        stagingOut.close();
        setStaging(null, null);
        return true;
    }

    /** How the staged rows name their customers: rules 6 to 13 look up only those identifiers. */
    public synchronized Set<CustomerIdentifier> customerIdentifiersSeen() {
        return EnumSet.copyOf(customerIdentifiersSeen);
    }

    public synchronized Set<CouponIdentifier> couponIdentifiersSeen() {
        return EnumSet.copyOf(couponIdentifiersSeen);
    }

    /** The rows that passed rules 1 to 5, and so went on to rules 6 to 13. */
    public synchronized long rowsResolved() {
        return rowsResolved;
    }

    /** Counts rows that rules 6 to 10 have looked at: the head and the rest of the file are resolved on two connections. */
    public synchronized void addRowsResolved(long rows) {
        rowsResolved += rows;
    }

    public long rowsAccepted() {
        return rowsAccepted;
    }

    public void setRowsAccepted(long rows) {
        rowsAccepted = rows;
    }

    /** The redemption ids the attempt took: an accepted row's redemption id is this plus its line. */
    public long idBlockStart() {
        return idBlockStart;
    }

    public void setIdBlockStart(long start) {
        idBlockStart = start;
    }

    /**
     * Whether the series had at most as many stored redemptions as the file has rows when its rules 6 to 10 began:
     * how rules 11 to 13 read the stored counts, and whether the insert may start before them.
     */
    public boolean historyWithinFile() {
        return historyWithinFile;
    }

    public void setHistoryWithinFile(boolean within) {
        historyWithinFile = within;
    }

    /** Done once rules 11 to 13 have written the refused table and the accepted count; failed if they failed. */
    public CompletableFuture<Void> limitsJudged() {
        return limitsJudged;
    }

    public boolean errorFileWritten() {
        return errorFileWritten;
    }

    public void setErrorFileWritten(boolean written) {
        errorFileWritten = written;
    }

    /** Whether progress was last recorded at least {@code intervalNanos} ago; if so, counts it as recorded now. */
    public synchronized boolean progressDue(long intervalNanos) {
        long now = System.nanoTime();
        if (now - progressRecordedAt < intervalNanos) {
            return false;
        }
        progressRecordedAt = now;
        return true;
    }

    /** Notes how long the stage that just ended took, for the log line of the job's end. */
    public synchronized void stageDone(String stage) {
        long now = System.nanoTime();
        timings.append(timings.isEmpty() ? "" : ", ").append(stage).append(' ').append((now - stageStart) / 1_000_000).append(" ms");
        stageStart = now;
    }

    /** Notes how long a stage took that ran beside another one (since {@code startNanos}), for the same log line. */
    public synchronized void stageTook(String stage, long startNanos) {
        timings.append(timings.isEmpty() ? "" : ", ").append(stage).append(' ')
                .append((System.nanoTime() - startNanos) / 1_000_000).append(" ms");
    }

    public synchronized String timings() {
        return timings.toString();
    }

    @Override
    public String toString() {
        return "job " + job.jobId() + " (attempt " + job.attempts() + ")";
    }
}
