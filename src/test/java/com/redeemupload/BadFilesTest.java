package com.redeemupload;

import com.fasterxml.jackson.databind.JsonNode;
import com.redeemupload.pipeline.CsvReader;
import com.redeemupload.pipeline.CsvRecord;
import com.redeemupload.support.ServiceTest;
import com.redeemupload.support.TestOrg;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contract section 4 through real uploads: files that cannot be read end FAILED, naming the problem and the line,
 * with no redemption at all; files that are odd but valid CSV end COMPLETED with exact counts and files.
 * Every upload sends uploadHeaders, so the request is accepted and the file is only read by the job.
 */
class BadFilesTest extends ServiceTest {

    private static final String HEADER = "mobile,couponCode,redeemedDateInMillis,redeemedAt";
    private static final String MAPPING = "{\"mobile\": 0, \"couponCode\": 1, \"redeemedDateInMillis\": 2, \"redeemedAt\": 3}";
    private static final int CUSTOMERS = 30;

    private TestOrg org;
    private final long t = TestOrg.now();

    /** Once per class; in a BeforeEach, since the service is started only then. */
    @BeforeEach
    void setUp() {
        if (org != null) {
            return;
        }
        org = newOrg();
        StringBuilder customers = new StringBuilder("[");
        for (int i = 1; i <= CUSTOMERS; i++) {
            customers.append(i > 1 ? ", " : "").append("{\"mobile\": \"").append(mobile(i)).append("\"}");
        }
        org.customers(customers.append("]").toString());
    }

    // --- files that cannot be read: FAILED -------------------------------------------------------------------------

    @Test
    void binaryFileFailsNamingTheLine() {
        long series = seriesWithCoupons(3);
        byte[] file = bytes(HEADER + "\n" + row(1, 1) + "\n" + row(2, 2) + "\n", new byte[] {'a', 0, 0, 0, 'b', '\n'}, row(3, 3) + "\n");
        assertFailed(upload(series, file), "line 4", "binary");
    }

    @Test
    void spreadsheetInsteadOfCsvFails() {
        long series = seriesWithCoupons(1);
        // the first bytes of an .xlsx (a zip): 'P', 'K', 3, 4, 20, 0, ...
        byte[] xlsx = {'P', 'K', 3, 4, 20, 0, 6, 0, 8, 0, 0, 0, 33, 0, 'b', 'x', 'l'};
        assertFailed(upload(series, xlsx), "line 1", "binary");
    }

    @Test
    void latin1FileFailsNamingTheLine() {
        long series = seriesWithCoupons(3);
        byte[] latin1 = (HEADER + ",details\n" + row(1, 1) + ",ok\n\n" + row(2, 2) + ",caf\u00e9\n" + row(3, 3) + ",ok\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        assertFailed(upload(series, latin1), "line 4", "UTF-8");
    }

    @Test
    void invalidUtf8SequenceFailsNamingTheLine() {
        long series = seriesWithCoupons(2);
        byte[] file = bytes(HEADER + "\n" + row(1, 1) + "\n", new byte[] {'x', (byte) 0xC3, 0x28, ','}, row(2, 2) + "\n");
        assertFailed(upload(series, file), "line 3", "UTF-8");
    }

    @Test
    void unterminatedQuoteFailsNamingTheLineWhereItOpened() {
        long series = seriesWithCoupons(3);
        String csv = HEADER + ",details\n" + row(1, 1) + ",fine\n" + row(2, 2) + ",\"never closed\n" + row(3, 3) + ",x\n";
        assertFailed(upload(series, csv), "line 3", "never closed");
    }

    @Test
    void lineOverTheLimitFailsNamingTheLine() {
        long series = seriesWithCoupons(2);
        String csv = HEADER + ",details\n" + row(1, 1) + ",fine\n\n" + row(2, 2) + "," + "x".repeat(70_000) + "\n";
        assertFailed(upload(series, csv), "line 4", "longer than the limit of 65536");
    }

    /** A quoted field over 200,000 short lines: each line is short, the record is not. */
    @Test
    void recordOverTheLimitAcrossManyLinesFailsNamingTheLineItStartsOn() {
        long series = seriesWithCoupons(2);
        String csv = HEADER + ",details\n" + row(1, 1) + ",fine\n\n" + row(2, 2) + ",\"" + "x\n".repeat(200_000) + "\"\n";
        assertFailed(upload(series, csv), "the record that starts on line 4", "longer than the limit of 65536");
    }

    @Test
    void headerOnlyFileFails() {
        long series = seriesWithCoupons(1);
        assertFailed(upload(series, HEADER + "\n\n  \n"), "no data rows");
    }

    @Test
    void fileOfBlankLinesFails() {
        long series = seriesWithCoupons(1);
        assertFailed(upload(series, "\n\r\n   \n"), "no data rows");
        assertFailed(upload(series, "\n\r\n   \n".getBytes(StandardCharsets.UTF_8), false), "no data rows");
    }

    /** Chunks of 7 rows are staged before the bad line is met: the whole job still creates nothing. */
    @Test
    void badLineAfterSeveralStagedChunksCreatesNoRedemption() {
        long series = seriesWithCoupons(20);
        StringBuilder good = new StringBuilder(HEADER).append('\n');
        for (int i = 1; i <= 20; i++) {
            good.append(row(i, i)).append('\n');
        }
        byte[] bad = bytes(good.toString(), new byte[] {'9', (byte) 0xE9, ',', 'C', '1', '\n'});

        JsonNode failed = upload(series, bad);

        assertFailed(failed, "line 22", "UTF-8");
        assertThat(failed.get("processedCount").asLong()).isEqualTo(14);   // the two chunks before the bad line, staged before the job failed
        // nothing was used up: the same rows, fixed, are all accepted
        JsonNode fixed = upload(series, good.toString());
        assertThat(fixed.get("uploadRedeemedCouponStatus").asText()).isEqualTo("COMPLETED");
        assertThat(fixed.get("totalUploadedCount").asLong()).isEqualTo(20);
        assertThat(redemptionsOf(fixed)).isEqualTo(20);
    }

    @Test
    void unterminatedQuoteAfterSeveralStagedChunksCreatesNoRedemption() {
        long series = seriesWithCoupons(16);
        StringBuilder csv = new StringBuilder(HEADER).append(",details\n");
        for (int i = 1; i <= 15; i++) {
            csv.append(row(i, i)).append(",ok\n");
        }
        csv.append(row(16, 16)).append(",\"opens on line 17\n");
        for (int i = 0; i < 5; i++) {
            csv.append("more,lines,\n");
        }
        assertFailed(upload(series, csv.toString()), "line 17", "never closed");
    }

    // --- odd but valid files: COMPLETED ----------------------------------------------------------------------------

    @Test
    void byteOrderMarkCrlfAndBlankLines() {
        long series = seriesWithCoupons(3);
        String csv = "\uFEFF" + HEADER + "\r\n"
                + "\r\n"                                   // line 2
                + row(1, 1) + "\r\n"                       // line 3: accepted
                + "\r\n"
                + "   \r\n"                                // line 5: all spaces
                + row(99, 2) + "\r\n"                      // line 6: no such customer
                + "\r\n"
                + row(3, 3) + "\r\n";                      // line 8: accepted

        JsonNode job = upload(series, csv);

        assertCompleted(job, 3, 2, 1);
        assertThat(org.file(jobId(job), "success")).matches(HEADER + ",redemptionId\n"
                + row(1, 1) + ",\\d+\n"
                + row(3, 3) + ",\\d+\n");
        assertThat(org.file(jobId(job), "error")).isEqualTo(HEADER + ",errorCode,errorMessage,rowNumber\n"
                + row(99, 2) + ",701,Customer not found: no customer has mobile '" + mobile(99) + "',6\n");
        assertThat(org.file(jobId(job), "uploaded").getBytes(StandardCharsets.UTF_8)).isEqualTo(csv.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void quotedCommasDoubledQuotesAndLineBreaksAreKeptUnchanged() throws SQLException {
        long series = seriesWithCoupons(3);
        String mapping = "{\"mobile\": 0, \"couponCode\": 1, \"redeemedDateInMillis\": 2, \"redeemedAt\": 3, \"details\": 4, \"billNumber\": 5}";
        String header = HEADER + ",details,billNumber";
        String accepted = row(1, 1) + ",\"Main St, 5\",\"say \"\"hi\"\"\"";
        String multiLine = row(2, 2) + ",\"first line\nsecond line\",B-2";   // lines 3 and 4
        String refused = row(98, 3) + ",\"Shop, 2\",\"a \"\"b\"\", c\"";      // line 5

        JsonNode job = upload(series, header + "\n" + accepted + "\n" + multiLine + "\n" + refused + "\n",
                Map.of("uploadHeaders", mapping));

        assertCompleted(job, 3, 2, 1);
        List<List<String>> success = records(org.file(jobId(job), "success"));
        assertThat(success.get(0)).containsExactly("mobile", "couponCode", "redeemedDateInMillis", "redeemedAt", "details", "billNumber", "redemptionId");
        assertThat(success.get(1).subList(0, 6)).containsExactly(mobile(1), "C1", Long.toString(t), "10", "Main St, 5", "say \"hi\"");
        assertThat(success.get(2).subList(0, 6)).containsExactly(mobile(2), "C2", Long.toString(t), "10", "first line\nsecond line", "B-2");
        assertThat(success).hasSize(3);
        assertThat(org.file(jobId(job), "success")).startsWith(header + ",redemptionId\n" + accepted + ",");
        assertThat(org.file(jobId(job), "error")).isEqualTo(header + ",errorCode,errorMessage,rowNumber\n"
                + refused + ",701,Customer not found: no customer has mobile '" + mobile(98) + "',5\n");
        try (Connection c = dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("select details, bill_number from redemption where job_id = ? order by row_number")) {
            ps.setLong(1, jobId(job));
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("Main St, 5");
                assertThat(rs.getString(2)).isEqualTo("say \"hi\"");
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("first line\nsecond line");
                assertThat(rs.next()).isFalse();
            }
        }
    }

    @Test
    void rowWithTooFewColumnsIsRefusedAndPaddedToTheHeaderWidth() {
        long series = seriesWithCoupons(2);
        String header = HEADER + ",billId,details";
        String csv = header + "\n" + row(1, 1) + ",B1,ok\n" + mobile(2) + ",C2\n";

        JsonNode job = upload(series, csv);

        assertCompleted(job, 2, 1, 1);
        List<List<String>> errors = records(org.file(jobId(job), "error"));
        assertThat(errors.get(0)).containsExactly("mobile", "couponCode", "redeemedDateInMillis", "redeemedAt", "billId", "details",
                "errorCode", "errorMessage", "rowNumber");
        assertThat(errors.get(1)).hasSize(9);
        assertThat(errors.get(1).subList(0, 7)).containsExactly(mobile(2), "C2", "", "", "", "", "629");
        assertThat(errors.get(1).get(7)).startsWith("Invalid input").contains("redeemedDateInMillis");
        assertThat(errors.get(1).get(8)).isEqualTo("3");
        assertThat(errors).hasSize(2);
    }

    @Test
    void rowWithTooFewColumnsWithoutHeaderIsPaddedToTheHighestMappedColumn() {
        long series = seriesWithCoupons(2);
        String mapping = "{\"mobile\": 0, \"couponCode\": 1, \"redeemedDateInMillis\": 2, \"redeemedAt\": 3, \"details\": 5}";
        String csv = row(1, 1) + ",,note\n" + mobile(2) + ",C2," + t + "\n";

        JsonNode job = upload(series, csv, Map.of("uploadHeaders", mapping, "hasHeaderRow", "false"));

        assertCompleted(job, 2, 1, 1);
        List<List<String>> errors = records(org.file(jobId(job), "error"));
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0)).hasSize(9);
        assertThat(errors.get(0).subList(0, 7)).containsExactly(mobile(2), "C2", Long.toString(t), "", "", "", "629");
        assertThat(errors.get(0).get(7)).startsWith("Invalid input").contains("redeemedAt");
        assertThat(errors.get(0).get(8)).isEqualTo("2");
        assertThat(records(org.file(jobId(job), "success")).get(0).subList(0, 6))
                .containsExactly(mobile(1), "C1", Long.toString(t), "10", "", "note");
    }

    // --- helpers ---------------------------------------------------------------------------------------------------

    private void assertFailed(JsonNode job, String... mentions) {
        assertThat(job.get("uploadRedeemedCouponStatus").asText()).as(job.toString()).isEqualTo("FAILED");
        assertThat(job.get("failureReason").asText()).as(job.toString()).contains(mentions);
        assertThat(job.get("successFileUrl").isNull()).as("successFileUrl").isTrue();
        assertThat(job.get("errorFileUrl").isNull()).as("errorFileUrl").isTrue();
        assertThat(job.get("totalUploadedCount").asLong()).isZero();
        assertThat(job.get("errorCount").asLong()).isZero();
        assertThat(redemptionsOf(job)).isZero();
        assertThat(org.api.get("/coupon/api/v1/upload/redeemJobs/" + jobId(job) + "/files/success").status()).isEqualTo(404);
        assertThat(org.api.get("/coupon/api/v1/upload/redeemJobs/" + jobId(job) + "/files/error").status()).isEqualTo(404);
    }

    private void assertCompleted(JsonNode job, long rows, long accepted, long refused) {
        assertThat(job.get("uploadRedeemedCouponStatus").asText()).as(job.toString()).isEqualTo("COMPLETED");
        assertThat(job.get("actualRowCount").asLong()).isEqualTo(rows);
        assertThat(job.get("processedCount").asLong()).isEqualTo(rows);
        assertThat(job.get("totalUploadedCount").asLong()).isEqualTo(accepted);
        assertThat(job.get("errorCount").asLong()).isEqualTo(refused);
        assertThat(job.get("failureReason").isNull()).isTrue();
        assertThat(redemptionsOf(job)).isEqualTo(accepted);
    }

    private long seriesWithCoupons(int n) {
        long series = org.series("\"anyUser\": true");
        StringBuilder coupons = new StringBuilder("[");
        for (int i = 1; i <= n; i++) {
            coupons.append(i > 1 ? ", " : "").append("{\"couponCode\": \"C").append(i).append("\"}");
        }
        org.coupons(series, coupons.append("]").toString());
        return series;
    }

    private JsonNode upload(long series, String csv) {
        return upload(series, csv, Map.of("uploadHeaders", MAPPING));
    }

    private JsonNode upload(long series, String csv, Map<String, String> fields) {
        return org.uploadAndWait(series, csv, fields);
    }

    private JsonNode upload(long series, byte[] csv) {
        return upload(series, csv, true);
    }

    private JsonNode upload(long series, byte[] csv, boolean hasHeaderRow) {
        return org.uploadAndWait(series, csv, Map.of("uploadHeaders", MAPPING, "hasHeaderRow", Boolean.toString(hasHeaderRow)));
    }

    private long redemptionsOf(JsonNode job) {
        try (Connection c = dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("select count(*) from redemption where job_id = ?")) {
            ps.setLong(1, jobId(job));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long jobId(JsonNode job) {
        return job.get("jobId").asLong();
    }

    /** customer i redeems coupon Ci, now, at till 10. */
    private String row(int customer, int coupon) {
        return mobile(customer) + ",C" + coupon + "," + t + ",10";
    }

    private static String mobile(int i) {
        return "9198000" + String.format("%05d", i);
    }

    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : parts) {
            out.writeBytes(p instanceof byte[] b ? b : p.toString().getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static List<List<String>> records(String csv) {
        List<List<String>> records = new ArrayList<>();
        try (CsvReader reader = new CsvReader(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), 1 << 16)) {
            for (CsvRecord r = reader.next(); r != null; r = reader.next()) {
                records.add(r.fields());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return records;
    }
}
