package com.redeemupload.pipeline;

import com.redeemupload.job.JobLease;
import com.redeemupload.upload.CustomerIdentifier;
import org.apache.camel.ExchangeProperty;
import org.postgresql.PGConnection;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A job's staging table ({@code staging.job_{id}}): every data row as read and checked against rules 1 to 5,
 * written with COPY a chunk at a time. Rules 6 to 13 and the result files work from it, and an operator can query it.
 * It is UNLOGGED (fast to fill): after a database crash it is empty, but then the job runs again from its file anyway.
 */
public final class StagingTable {

    private static final String COLUMNS = "line, customer_by, customer_key, customer_user_id, coupon_by_id, coupon_key, "
            + "coupon_id, redeemed_date, redeemed_at, bill_id, bill_number, details, error_code, error_message, record, field_count";

    public void create(@ExchangeProperty("lease") JobLease lease) throws SQLException {
        String table = lease.job().stagingTable();
        try (Statement st = lease.connection().createStatement()) {
            st.execute("drop table if exists " + table);   // left by an earlier attempt
            st.execute("create unlogged table " + table + " ("
                    + "line bigint not null, "             // where the record starts in the file (header is line 1)
                    + "customer_by char(1), "              // M(obile), E(mail), X (externalId), U(serId)
                    + "customer_key text, customer_user_id bigint, "
                    + "coupon_by_id boolean, coupon_key text, coupon_id bigint, "
                    + "redeemed_date bigint, redeemed_at bigint, bill_id text, bill_number text, details text, "
                    + "error_code integer, error_message text, "
                    + "record text not null, "            // the original fields, as a CSV line
                    + "field_count integer not null)");
        }
    }

    public RowChunk copy(@ExchangeProperty("lease") JobLease lease, RowChunk chunk) throws SQLException, IOException {
        StringBuilder copy = new StringBuilder(chunk.size() * 160);
        for (int i = 0; i < chunk.size(); i++) {
            appendRow(copy, chunk.rows().get(i), chunk.code(i), chunk.message(i));
        }
        Connection c = lease.connection();
        c.unwrap(PGConnection.class).getCopyAPI().copyIn(
                "copy " + lease.job().stagingTable() + " (" + COLUMNS + ") from stdin",
                new ByteArrayInputStream(copy.toString().getBytes(StandardCharsets.UTF_8)));
        lease.addRowsRead(chunk.size());
        return chunk;
    }

    private static void appendRow(StringBuilder out, RedemptionRow row, int code, String message) {
        boolean valid = code == 0;
        field(out, Long.toString(row.line()));
        field(out, valid ? customerBy(row.customerIdentifier()) : null);
        field(out, valid ? row.getCustomerKey() : null);
        field(out, valid && row.customerIdentifier() == CustomerIdentifier.USER_ID ? row.getCustomerKey() : null);
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
        field(out, CsvFormat.line(row.fields()));
        out.append(row.fields().size()).append('\n');
    }

    private static String customerBy(CustomerIdentifier identifier) {
        return switch (identifier) {
            case MOBILE -> "M";
            case EMAIL -> "E";
            case EXTERNAL_ID -> "X";
            case USER_ID -> "U";
        };
    }

    /** One column of COPY's text format, then the tab that ends it. */
    private static void field(StringBuilder out, String value) {
        if (value == null) {
            out.append("\\N");
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
