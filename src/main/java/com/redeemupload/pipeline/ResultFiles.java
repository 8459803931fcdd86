package com.redeemupload.pipeline;

import com.redeemupload.files.FileStore;
import com.redeemupload.files.JobFile;
import com.redeemupload.job.Job;
import com.redeemupload.job.JobLease;
import org.apache.camel.ExchangeProperty;
import org.postgresql.PGConnection;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
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
 * Writes a job's success and error files from its staging table and its decided rows, in file order. It works on a
 * connection of its own, while the lease's connection inserts the redemptions; the job is COMPLETED only once both
 * are done, so the files are complete on disk first.
 */
public final class ResultFiles {

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
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);   // a cursor (fetch size) needs a transaction; nothing here is kept uncommitted
            try (Statement st = c.createStatement()) {
                st.execute("set local work_mem = '" + workMem + "'");   // the success file sorts the whole file in memory
            }
            writeSuccessFile(c, job, header);
            if (anyRefused) {
                // never narrower than the mapped columns: uploadHeaders may map a column the header row does not name
                int width = Math.max(header != null ? header.size() : 0, job.columnMapping().width());
                writeErrorFile(c, job, header, width);
            } else {
                files.delete(job.orgId(), job.jobId(), JobFile.ERROR);   // from an earlier attempt
            }
            c.commit();
        }
        lease.setErrorFileWritten(anyRefused);
        lease.stageTook("result files", start);
    }

    /**
     * The original header plus {@code redemptionId}; each accepted row as written, plus the redemption it made.
     * PostgreSQL formats the lines and COPY streams them out: nearly a million rows of a file pass through here.
     */
    private void writeSuccessFile(Connection c, Job job, List<String> header) throws IOException, SQLException {
        Path part = files.startWriting(job.orgId(), job.jobId(), JobFile.SUCCESS);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(part), 1 << 16)) {
            if (header != null) {
                out.write((CsvFormat.line(header) + ",redemptionId\n").getBytes(StandardCharsets.UTF_8));
            }
            c.unwrap(PGConnection.class).getCopyAPI().copyOut("copy (select s.record || ',' || d.redemption_id from "
                    + RowDecisions.decidedTable(job) + " d join " + job.stagingTable() + " s on s.line = d.line "
                    + "where d.code = 0 order by d.line) to stdout", new CopyTextOutputStream(out));
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
             PreparedStatement ps = c.prepareStatement(decisions.refusedRows(job))) {
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
