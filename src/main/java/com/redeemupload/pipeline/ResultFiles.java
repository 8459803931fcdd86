package com.redeemupload.pipeline;

import com.redeemupload.files.FileStore;
import com.redeemupload.files.JobFile;
import com.redeemupload.job.Job;
import com.redeemupload.job.JobLease;
import com.redeemupload.job.JobStatus;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Writes a job's success and error files in one pass over its stored file, merged by line with its refused rows
 * (codes and messages), which PostgreSQL streams in file order; every other row was accepted, and its redemption id
 * is the job's id block start plus its line. Each record is repeated exactly as it was written (not parsed into
 * fields and written again), so the staging table need not keep it and COPY carries half as many bytes. It works on
 * a connection of its own, while the lease's connection inserts the redemptions; the job is COMPLETED only once both
 * are done, so the files are complete on disk first.
 */
public final class ResultFiles {

    private static final Logger LOG = LoggerFactory.getLogger(ResultFiles.class);
    private static final int FETCH_SIZE = 10_000;

    private final DataSource dataSource;
    private final FileStore files;
    private final JobRows rows;
    private final RowDecisions decisions;
    private final String workMem;

    public ResultFiles(DataSource dataSource, FileStore files, JobRows rows, RowDecisions decisions, String workMem) {
        this.dataSource = dataSource;
        this.files = files;
        this.rows = rows;
        this.decisions = decisions;
        this.workMem = workMem;
    }

    public void write(@ExchangeProperty("lease") JobLease lease) throws IOException, SQLException {
        long start = System.nanoTime();
        Job job = lease.job();
        List<String> header = rows.header(job);
        boolean anyRefused = lease.rowsAccepted() < lease.rowsRead();
        // never narrower than the mapped columns: uploadHeaders may map a column the header row does not name
        int width = Math.max(header != null ? header.size() : 0, job.columnMapping().width());
        Path success = files.startWriting(job.orgId(), job.jobId(), JobFile.SUCCESS);
        Path error = anyRefused ? files.startWriting(job.orgId(), job.jobId(), JobFile.ERROR) : null;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);   // a cursor (fetch size) needs a transaction; nothing here is kept uncommitted
            try (Statement st = c.createStatement()) {
                WholeFileSettings.apply(st, workMem);   // the outcomes are sorted into file order in memory
            }
            try (PreparedStatement refusedQuery = c.prepareStatement(decisions.refusedRows(job))) {
                refusedQuery.setFetchSize(FETCH_SIZE);
                try (ResultSet refused = refusedQuery.executeQuery();
                     CsvReader records = rows.records(job);
                     Writer successOut = writer(success);
                     Writer errorOut = error == null ? Writer.nullWriter() : writer(error)) {
                    if (header != null) {
                        successOut.write(CsvFormat.line(header) + ",redemptionId\n");
                        errorOut.write(CsvFormat.line(header) + ",errorCode,errorMessage,rowNumber\n");
                    }
                    long accepted = merge(records, refused, lease.idBlockStart(), successOut, errorOut, width);
                    if (accepted != lease.rowsAccepted()) {
                        throw new IllegalStateException("the success file has " + accepted + " rows for "
                                + lease.rowsAccepted() + " accepted rows");
                    }
                }
            }
            c.commit();
        }
        files.finish(success, job.orgId(), job.jobId(), JobFile.SUCCESS);
        if (error != null) {
            files.finish(error, job.orgId(), job.jobId(), JobFile.ERROR);
        } else {
            files.delete(job.orgId(), job.jobId(), JobFile.ERROR);   // from an earlier attempt
        }
        lease.setErrorFileWritten(anyRefused);
        lease.stageTook("result files", start);
    }

    /**
     * Deletes the result files of a job that has just been marked FAILED (the body, as read back): they are never
     * served, and for a big file they are as big as the upload. Only then: an attempt can fail after its COMPLETED
     * was committed (the connection lost just after the commit), and that job keeps its files.
     */
    public void discard(@Body Job job) {
        if (job.status() != JobStatus.FAILED) {
            return;
        }
        try {
            files.delete(job.orgId(), job.jobId(), JobFile.SUCCESS);
            files.delete(job.orgId(), job.jobId(), JobFile.ERROR);
        } catch (IOException e) {
            // never in the way of the job's FAILED status, which comes next
            LOG.warn("Could not delete the result files of job {} ({})", job.jobId(), e.getMessage());
        }
    }

    /**
     * Each record of the file goes to the error file when it is the next refused row (as written, padded to the
     * file's width so that the added columns never land in a mapped column, plus why it was refused), else to the
     * success file (as written, plus the redemption it made). Returns how many went to the success file.
     */
    private static long merge(CsvReader records, ResultSet refused, long idBlockStart, Writer successOut, Writer errorOut,
                              int width) throws IOException, SQLException {
        long accepted = 0;
        long nextRefused = nextLine(refused);
        StringBuilder line = new StringBuilder(256);
        for (CsvReader.RawRecord record = records.nextRaw(); record != null; record = records.nextRaw()) {
            line.setLength(0);
            line.append(record.text());
            if (record.line() != nextRefused) {
                line.append(',').append(idBlockStart + record.line()).append('\n');
                successOut.append(line);
                accepted++;
            } else {
                line.append(",".repeat(Math.max(0, width - record.fieldCount())));
                line.append(',').append(refused.getInt(2)).append(',');
                CsvFormat.appendField(line, refused.getString(3));
                line.append(',').append(record.line()).append('\n');
                errorOut.append(line);
                nextRefused = nextLine(refused);
            }
        }
        if (nextRefused != Long.MAX_VALUE) {
            throw new IllegalStateException("line " + nextRefused + " is refused, but the file has no record starting there");
        }
        return accepted;
    }

    /** The line of the next refused row, or Long.MAX_VALUE when there is none. */
    private static long nextLine(ResultSet outcomes) throws SQLException {
        return outcomes.next() ? outcomes.getLong(1) : Long.MAX_VALUE;
    }

    private static Writer writer(Path path) throws IOException {
        return new BufferedWriter(Files.newBufferedWriter(path, StandardCharsets.UTF_8), 1 << 16);
    }
}
