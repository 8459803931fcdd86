package com.redeemupload;

import com.fasterxml.jackson.databind.JsonNode;
import com.redeemupload.support.SeriesLocks;
import com.redeemupload.support.ServiceTest;
import com.redeemupload.support.TestOrg;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A job left PROCESSING by a process that died is run again from its stored file, without double redemptions;
 * one whose worker is alive is left to it; one that keeps dying is given up with a reason; one whose redemptions
 * cannot be stored ends FAILED with none.
 */
class RecoveryTest extends ServiceTest {

    @Test
    void jobLeftProcessingByADeadWorkerIsRunAgainWithoutDoubleRedemptions() throws Exception {
        TestOrg org = newOrg();
        long series = org.series("");
        String csv = registryAndFile(org, series, 20);
        // what a worker killed mid-job leaves: PROCESSING, an attempt counted, half a staging table, no lock; the
        // table first, since a worker may take the job up as soon as it is there
        long jobId = reserveJobId();
        try (Connection c = dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("create unlogged table staging.job_" + jobId + " (line bigint, record text)");
            st.execute("insert into staging.job_" + jobId + " values (2, 'half'), (3, 'done')");
        }
        insertJob(org, series, csv, 1, jobId);

        JsonNode job = org.waitForEnd(jobId);

        assertThat(job.get("uploadRedeemedCouponStatus").asText()).isEqualTo("COMPLETED");
        assertThat(job.get("actualRowCount").asLong()).isEqualTo(20);
        assertThat(job.get("totalUploadedCount").asLong()).isEqualTo(20);
        assertThat(redemptionsOf(jobId)).isEqualTo(20);
        assertThat(attemptsOf(jobId)).isEqualTo(2);
        assertThat(org.file(jobId, "success").lines().count()).isEqualTo(21);
    }

    @Test
    void jobWhoseWorkerStillHoldsItIsNotTakenOver() throws Exception {
        TestOrg org = newOrg();
        long series = org.series("");
        String csv = registryAndFile(org, series, 3);
        try (Connection owner = dataSource().getConnection()) {
            long jobId = reserveJobId();
            try (PreparedStatement lock = owner.prepareStatement("select pg_advisory_lock(?)")) {
                lock.setLong(1, jobId);
                lock.execute();   // a live worker of another instance holds the job
            }
            insertJob(org, series, csv, 1, jobId);
            NotifyBuilder claimsTried = new NotifyBuilder(context).fromRoute("job-worker").whenDone(5).create();
            assertThat(claimsTried.matches(30, TimeUnit.SECONDS)).isTrue();
            assertThat(org.job(jobId).get("uploadRedeemedCouponStatus").asText()).isEqualTo("PROCESSING");
            assertThat(attemptsOf(jobId)).isEqualTo(1);

            try (PreparedStatement unlock = owner.prepareStatement("select pg_advisory_unlock(?)")) {
                unlock.setLong(1, jobId);
                unlock.execute();   // that worker's session ends
            }
            assertThat(org.waitForEnd(jobId).get("uploadRedeemedCouponStatus").asText()).isEqualTo("COMPLETED");
        }
    }

    @Test
    void jobThatKeepsDyingIsFailedWithAReason() throws Exception {
        TestOrg org = newOrg();
        long series = org.series("");
        String csv = registryAndFile(org, series, 2);
        long jobId = insertJob(org, series, csv, 3);   // the configured maximum of attempts was reached

        JsonNode job = org.waitForEnd(jobId);

        assertThat(job.get("uploadRedeemedCouponStatus").asText()).isEqualTo("FAILED");
        assertThat(job.get("failureReason").asText()).contains("stopped 3 times");
        assertThat(redemptionsOf(jobId)).isZero();

        // failed as it was claimed, it never ran through job-run: job-redeliveries hands it on, after
        // redeem.jobs.redeliver-after-ms (here: as if that had passed)
        assertThat(undeliveredSince(jobId)).isNotNull();
        assertThat(eventsOf(jobId)).isZero();
        markUndeliveredAnHourAgo(jobId);
        await().atMost(Duration.ofSeconds(20)).until(() -> undeliveredSince(jobId) == null);
        assertThat(eventsOf(jobId)).isEqualTo(1);
    }

    /**
     * The redemptions are inserted while the result files are written on another connection: when the insert fails,
     * the job must end FAILED with nothing stored and no file to download, after both sides have stopped.
     */
    @Test
    void jobWhoseInsertFailsEndsFailedWithNoRedemptionAndNoFiles() throws Exception {
        TestOrg org = newOrg();
        long series = org.series("");
        String csv = registryAndFile(org, series, 10);
        // the job's redemption ids are taken already, so storing its rows breaks the primary key: its block is the
        // 12 ids after the one drawn here (the block's start, then one per line of its 11-line file); later jobs
        // draw past them
        long next = query("select nextval('redemption_redemption_id_seq')", 0);
        try (Connection c = dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("insert into redemption (redemption_id, org_id, series_id, coupon_id, user_id, redeemed_date, imported) "
                    + "select id, 0, 0, 0, 0, 1, true from generate_series(" + (next + 1) + ", " + (next + 12) + ") id");
        }

        JsonNode job = org.uploadAndWait(series, csv);

        assertThat(job.get("uploadRedeemedCouponStatus").asText()).isEqualTo("FAILED");
        assertThat(job.get("failureReason").asText()).contains("redemption_pkey");
        assertThat(job.get("successFileUrl").isNull()).isTrue();
        assertThat(job.get("errorFileUrl").isNull()).isTrue();
        long jobId = job.get("jobId").asLong();
        assertThat(redemptionsOf(jobId)).isZero();
        assertThat(org.api.get("/coupon/api/v1/upload/redeemJobs/" + jobId + "/files/success").status()).isEqualTo(404);
        // the result files written beside the failed insert are not left on disk either
        Path jobFolder = Path.of(System.getProperty("redeem.files.dir"), Long.toString(org.orgId), Long.toString(jobId));
        try (var left = Files.list(jobFolder)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("uploaded.csv");
        }
    }

    /**
     * The insert takes the head of the file while rules 11-13 and the result files run on another connection: when
     * that side fails after the rows are in, the job must end FAILED with none of them stored.
     */
    @Test
    void jobWhoseResultFilesFailAfterItsRowsWereInsertedEndsFailedWithNoRedemption() throws Exception {
        TestOrg org = newOrg();
        long series = org.series("");
        String csv = registryAndFile(org, series, 10);
        long jobId;
        // hold the job at its series lock, after its staging, until its success file cannot be written
        try (SeriesLocks locks = SeriesLocks.hold(dataSource(), List.of(series))) {
            jobId = TestOrg.jobIdOf(org.upload(series, csv, Map.of()));
            await().atMost(Duration.ofSeconds(30)).until(() -> SeriesLocks.jobsWaiting(dataSource(), List.of(series)) == 1);
            Path jobFolder = Path.of(System.getProperty("redeem.files.dir"), Long.toString(org.orgId), Long.toString(jobId));
            Files.createDirectories(jobFolder.resolve("success.csv.part"));   // where the success file is written first
        }

        JsonNode job = org.waitForEnd(jobId);

        assertThat(job.get("uploadRedeemedCouponStatus").asText()).isEqualTo("FAILED");
        assertThat(job.get("failureReason").asText()).contains("success.csv.part");
        assertThat(redemptionsOf(jobId)).isZero();
        assertThat(org.api.get("/coupon/api/v1/upload/redeemJobs/" + jobId + "/files/success").status()).isEqualTo(404);
    }

    private static String registryAndFile(TestOrg org, long series, int rows) {
        StringBuilder customers = new StringBuilder("[");
        StringBuilder coupons = new StringBuilder("[");
        StringBuilder csv = new StringBuilder("mobile,couponCode,redeemedDateInMillis,redeemedAt\n");
        for (int i = 0; i < rows; i++) {
            String mobile = "9198100" + String.format("%05d", i);
            customers.append(i == 0 ? "" : ",").append("{\"mobile\": \"").append(mobile).append("\"}");
            coupons.append(i == 0 ? "" : ",").append("{\"couponCode\": \"R").append(i).append("\", \"issuedTo\": {\"mobile\": \"")
                    .append(mobile).append("\"}}");
            csv.append(mobile).append(",R").append(i).append(',').append(TestOrg.now()).append(",1\n");
        }
        org.customers(customers.append("]").toString());
        org.coupons(series, coupons.append("]").toString());
        return csv.toString();
    }

    private long insertJob(TestOrg org, long series, String csv, int attempts) throws Exception {
        return insertJob(org, series, csv, attempts, reserveJobId());
    }

    /** Writes the job and its stored file the way an upload does, but already PROCESSING. */
    private long insertJob(TestOrg org, long series, String csv, int attempts, long jobId) throws Exception {
        Path file = Path.of(System.getProperty("redeem.files.dir"), Long.toString(org.orgId), Long.toString(jobId), "uploaded.csv");
        Files.createDirectories(file.getParent());
        Files.writeString(file, csv);
        try (Connection c = dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("insert into upload_job (job_id, org_id, series_id, status, source, created_on, "
                     + "updated_on, file_name, customer_identifier, coupon_identifier, column_mapping, has_header_row, attempts) "
                     + "values (?, ?, ?, 'PROCESSING', 'HTTP', 1, 1, 'f.csv', 'MOBILE', 'COUPON_CODE', "
                     + "'{\"mobile\": 0, \"couponCode\": 1, \"redeemedDateInMillis\": 2, \"redeemedAt\": 3}', true, ?)")) {
            ps.setLong(1, jobId);
            ps.setLong(2, org.orgId);
            ps.setLong(3, series);
            ps.setInt(4, attempts);
            ps.executeUpdate();
        }
        return jobId;
    }

    private long reserveJobId() throws Exception {
        return query("select nextval(pg_get_serial_sequence('upload_job', 'job_id'))", 0);
    }

    private long redemptionsOf(long jobId) throws Exception {
        return query("select count(*) from redemption where job_id = ?", jobId);
    }

    private long attemptsOf(long jobId) throws Exception {
        return query("select attempts from upload_job where job_id = ?", jobId);
    }

    private long query(String sql, long param) throws Exception {
        try (Connection c = dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (sql.contains("?")) {
                ps.setLong(1, param);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
