package com.redeemupload.pipeline;

import com.redeemupload.job.JobLease;
import com.redeemupload.upload.CouponIdentifier;
import com.redeemupload.upload.CustomerIdentifier;
import org.apache.camel.ExchangeProperty;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.PGCopyOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumSet;
import java.util.Set;

/**
 * A job's staging table ({@code staging.job_{id}}): every data row's line and mapped fields, with the code of the
 * rule 1 to 5 it broke, written with COPY a chunk at a time (chunks in any order). Rules 6 to 13 and the error file
 * work from it, and an operator can query it (ordered by line).
 * It is UNLOGGED (fast to fill): after a database crash it is empty, but then the job runs again from its file anyway.
 * An ended job's table is dropped after {@code redeem.staging.keep-hours} (the files stay).
 */
public final class StagingTable {

    private static final String COLUMNS = "line, customer_by, customer_key, coupon_by_id, coupon_key, "
            + "coupon_id, redeemed_date, redeemed_at, bill_id, bill_number, details, error_code, error_message";

    private static final int COPY_BUFFER = 1 << 16;

    private final DataSource dataSource;
    private final long keepHours;

    public StagingTable(DataSource dataSource, long keepHours) {
        this.dataSource = dataSource;
        this.keepHours = keepHours;
    }

    public void create(@ExchangeProperty("lease") JobLease lease) throws SQLException {
        String table = lease.job().stagingTable();
        try (Statement st = lease.connection().createStatement()) {
            st.execute("drop table if exists " + table);   // left by an earlier attempt
            st.execute(RowDecisions.dropWorkTables(table));
            st.execute("create unlogged table " + table + " ("
                    + "line bigint not null, "             // where the record starts in the file (header is line 1)
                    + "customer_by char(1), "              // CustomerIdentifier.code(): M, E, X or U
                    + "customer_key text, "
                    + "coupon_by_id boolean, coupon_key text, coupon_id bigint, "
                    + "redeemed_date bigint, redeemed_at bigint, bill_id text, bill_number text, details text, "
                    + "error_code integer, error_message text)");
        }
        CopyIn copy = lease.connection().unwrap(PGConnection.class).getCopyAPI()
                .copyIn("copy " + table + " (" + COLUMNS + ") from stdin");
        lease.setStaging(copy, new PGCopyOutputStream(copy, COPY_BUFFER));
    }

    /**
     * Adds a chunk to the job's one COPY, opened with the table. Chunks are checked and staged on several threads,
     * each encoding its rows into a buffer of its own and handing them to the COPY a buffer of whole rows at a time;
     * their order does not matter (each row carries its line). PostgreSQL takes the rows in while the rest of the
     * file is read, and no buffer grows with the chunk.
     */
    public RowChunk copy(@ExchangeProperty("lease") JobLease lease, RowChunk chunk) throws IOException {
        ByteArrayOutputStream rows = new ByteArrayOutputStream(COPY_BUFFER + 4096);
        StringBuilder line = new StringBuilder(512);
        Set<CustomerIdentifier> customers = EnumSet.noneOf(CustomerIdentifier.class);
        Set<CouponIdentifier> coupons = EnumSet.noneOf(CouponIdentifier.class);
        for (int i = 0; i < chunk.size(); i++) {
            RedemptionRow row = chunk.rows().get(i);
            line.setLength(0);
            appendRow(line, row, chunk.code(i), chunk.message(i));
            rows.writeBytes(line.toString().getBytes(StandardCharsets.UTF_8));   // Latin-1 text takes a fast path here
            if (rows.size() >= COPY_BUFFER) {
                lease.writeStaged(rows);
                rows.reset();
            }
            if (chunk.code(i) == 0) {
                customers.add(row.customerIdentifier());
                coupons.add(row.couponById() ? CouponIdentifier.COUPON_ID : CouponIdentifier.COUPON_CODE);
            }
        }
        lease.writeStaged(rows);
        lease.addRowsRead(chunk.size(), chunk.size() == 0 ? 0 : chunk.rows().get(chunk.size() - 1).line(), customers, coupons);
        return chunk;
    }

    /**
     * Ends the COPY: every row of the file is in the staging table. Then samples it: without statistics PostgreSQL
     * takes a fresh table for a few thousand rows and looks each one up in the registry by index, which for a
     * million rows is twice as slow as the hash joins it picks once it knows.
     */
    public void finish(@ExchangeProperty("lease") JobLease lease) throws IOException, SQLException {
        if (lease.endStaging()) {
            try (Statement st = lease.connection().createStatement()) {
                st.execute("analyze " + lease.job().stagingTable());
            }
        }
    }

    private static void appendRow(StringBuilder out, RedemptionRow row, int code, String message) {
        boolean valid = code == 0;
        field(out, Long.toString(row.line()));
        field(out, valid ? row.customerIdentifier().code() : null);
        field(out, valid ? row.getCustomerKey() : null);
        field(out, valid ? (row.couponById() ? "t" : "f") : null);
        field(out, valid ? row.getCouponKey() : null);
        field(out, valid && row.couponById() ? row.getCouponKey() : null);
        field(out, valid ? row.getRedeemedDateInMillis() : null);
        field(out, valid ? row.getRedeemedAt() : null);
        field(out, valid ? row.billId() : null);
        field(out, valid ? row.billNumber() : null);
        field(out, valid ? row.details() : null);
        field(out, valid ? null : Integer.toString(code));
        field(out, message);
        out.setCharAt(out.length() - 1, '\n');   // the last field ends the row
    }

    /**
     * Drops the staging tables of jobs that ended more than {@code keepHours} ago, so they do not fill the disk;
     * such a job's {@code uploadTableName} becomes null. Returns how many were dropped.
     */
    public int dropExpired() throws SQLException {
        int dropped = 0;
        try (Connection c = dataSource.getConnection();
             PreparedStatement expired = c.prepareStatement("select job_id from upload_job where status in ('COMPLETED', 'FAILED') "
                     + "and upload_table_name is not null and updated_on < (extract(epoch from now()) * 1000)::bigint - ? * 3600000");
             PreparedStatement forget = c.prepareStatement("update upload_job set upload_table_name = null where job_id = ?")) {
            expired.setLong(1, keepHours);
            try (ResultSet rs = expired.executeQuery(); Statement st = c.createStatement()) {
                while (rs.next()) {
                    long jobId = rs.getLong(1);
                    String table = "staging.job_" + jobId;
                    st.execute("drop table if exists " + table);
                    st.execute(RowDecisions.dropWorkTables(table));   // left by a crash, if any
                    forget.setLong(1, jobId);
                    forget.executeUpdate();
                    dropped++;
                }
            }
        }
        return dropped;
    }

    private static boolean needsEscape(CharSequence value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' || c == '\t' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }

    /** One column of COPY's text format, then the tab that ends it. */
    private static void field(StringBuilder out, CharSequence value) {
        if (value == null) {
            out.append("\\N");
        } else if (!needsEscape(value)) {
            out.append(value);   // nearly every value: copied at once
        } else {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '\\' -> out.append("\\\\");
                    case '\t' -> out.append("\\t");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    default -> out.append(c);
                }
            }
        }
        out.append('\t');
    }
}
