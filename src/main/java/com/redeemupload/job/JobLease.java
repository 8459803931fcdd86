package com.redeemupload.job;

import java.sql.Connection;

/**
 * A worker's hold on one job for one attempt: the connection that holds the job's advisory lock (PostgreSQL frees
 * it when the worker's process dies, so another worker can take the job up), the job as claimed, and what the
 * attempt has found so far. All of the attempt's database work goes through this connection.
 */
public final class JobLease {

    private final Connection connection;
    private final Job job;
    private long rowsRead;
    private long rowsAccepted;
    private boolean errorFileWritten;
    private final StringBuilder timings = new StringBuilder();
    private long stageStart = System.nanoTime();

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

    public long rowsRead() {
        return rowsRead;
    }

    public void addRowsRead(long rows) {
        rowsRead += rows;
    }

    public long rowsAccepted() {
        return rowsAccepted;
    }

    public void setRowsAccepted(long rows) {
        rowsAccepted = rows;
    }

    public boolean errorFileWritten() {
        return errorFileWritten;
    }

    public void setErrorFileWritten(boolean written) {
        errorFileWritten = written;
    }

    /** Notes how long the stage that just ended took, for the log line of the job's end. */
    public void stageDone(String stage) {
        long now = System.nanoTime();
        timings.append(timings.isEmpty() ? "" : ", ").append(stage).append(' ').append((now - stageStart) / 1_000_000).append(" ms");
        stageStart = now;
    }

    public String timings() {
        return timings.toString();
    }

    @Override
    public String toString() {
        return "job " + job.jobId() + " (attempt " + job.attempts() + ")";
    }
}
