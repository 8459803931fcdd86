package com.redeemupload.pipeline;

import com.redeemupload.files.FileStore;
import com.redeemupload.files.JobFile;
import com.redeemupload.job.Job;
import com.redeemupload.job.JobLease;
import org.apache.camel.ExchangeProperty;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Writes a job's success and error files from its staging table, in file order, still inside the attempt's
 * transaction: they are complete on disk before the job is COMPLETED.
 */
public final class ResultFiles {

    private static final int FETCH_SIZE = 10_000;

    private final FileStore files;
    private final JobRows rows;

    public ResultFiles(FileStore files, JobRows rows) {
        this.files = files;
        this.rows = rows;
    }

    public void write(@ExchangeProperty("lease") JobLease lease) throws IOException, SQLException {
        Job job = lease.job();
        List<String> header = rows.header(job);
        writeSuccessFile(lease.connection(), job, header);
        boolean anyRefused = lease.rowsAccepted() < lease.rowsRead();
        if (anyRefused) {
            // never narrower than the mapped columns: uploadHeaders may map a column the header row does not name
            int width = Math.max(header != null ? header.size() : 0, job.columnMapping().width());
            writeErrorFile(lease.connection(), job, header, width);
        } else {
            files.delete(job.orgId(), job.jobId(), JobFile.ERROR);   // from an earlier attempt
        }
        lease.setErrorFileWritten(anyRefused);
        lease.stageDone("result files");
    }

    /** The original header plus {@code redemptionId}; each accepted row as written, plus the redemption it made. */
    private void writeSuccessFile(Connection c, Job job, List<String> header) throws IOException, SQLException {
        Path part = files.startWriting(job.orgId(), job.jobId(), JobFile.SUCCESS);
        try (Writer out = writer(part);
             PreparedStatement ps = c.prepareStatement("select s.record, r.redemption_id from redemption r join "
                     + job.stagingTable() + " s on s.line = r.row_number where r.job_id = ? order by r.row_number")) {
            if (header != null) {
                out.write(CsvFormat.line(header));
                out.write(",redemptionId\n");
            }
            ps.setFetchSize(FETCH_SIZE);
            ps.setLong(1, job.jobId());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.write(rs.getString(1));
                    out.write(',');
                    out.write(Long.toString(rs.getLong(2)));
                    out.write('\n');
                }
            }
        }
        files.finish(part, job.orgId(), job.jobId(), JobFile.SUCCESS);
    }

    /**
     * The original header plus {@code errorCode,errorMessage,rowNumber}; each refused row as written, padded to the
     * file's width so that the added columns never land in a mapped column, plus why it was refused.
     */
    private void writeErrorFile(Connection c, Job job, List<String> header, int width) throws IOException, SQLException {
        Path part = files.startWriting(job.orgId(), job.jobId(), JobFile.ERROR);
        try (Writer out = writer(part);
             PreparedStatement ps = c.prepareStatement("select record, field_count, error_code, error_message, line from "
                     + job.stagingTable() + " where error_code is not null order by line")) {
            if (header != null) {
                out.write(CsvFormat.line(header));
                out.write(",errorCode,errorMessage,rowNumber\n");
            }
            ps.setFetchSize(FETCH_SIZE);
            StringBuilder line = new StringBuilder(256);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    line.setLength(0);
                    line.append(rs.getString(1));
                    for (int i = rs.getInt(2); i < width; i++) {
                        line.append(',');
                    }
                    line.append(',').append(rs.getInt(3)).append(',');
                    CsvFormat.appendField(line, rs.getString(4));
                    line.append(',').append(rs.getLong(5)).append('\n');
                    out.append(line);
                }
            }
        }
        files.finish(part, job.orgId(), job.jobId(), JobFile.ERROR);
    }

    private static Writer writer(Path path) throws IOException {
        return new BufferedWriter(Files.newBufferedWriter(path, StandardCharsets.UTF_8), 1 << 16);
    }
}
