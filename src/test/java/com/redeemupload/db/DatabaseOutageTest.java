package com.redeemupload.db;

import com.fasterxml.jackson.databind.JsonNode;
import com.redeemupload.support.Http;
import com.redeemupload.support.ServiceProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 14, finding 10: the embedded PostgreSQL killed under a running job. Health goes DOWN within seconds, calls
 * that need the database are answered 503 at once, the watchdog starts PostgreSQL again on the same data, health
 * comes back UP, and the job completes exactly once. SIGTERM still stops the service promptly with the database gone.
 */
class DatabaseOutageTest {

    private static final int ROWS = 30;
    private static final String API = "/coupon/api/v1";

    private ServiceProcess service;

    @AfterEach
    void stop() throws Exception {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void aKilledEmbeddedDatabaseIsToldStartedAgainAndItsJobCompletesOnce(@TempDir Path work) throws Exception {
        // the watchdog waits long enough for the outage to be seen from outside
        service = ServiceProcess.start(work, List.of(), Map.of("redeem.db.embedded.watchdog-ms", "6000",
                "redeem.db.connect-timeout-ms", "2000"));
        Http api = service.api();
        long series = api.postJson(service.url(API + "/series"), "{\"name\": \"outage\", \"anyUser\": true}")
                .result().get("couponSeriesId").asLong();
        StringBuilder customers = new StringBuilder("[");
        StringBuilder coupons = new StringBuilder("[");
        StringBuilder csv = new StringBuilder("mobile,couponCode,redeemedDateInMillis,redeemedAt\n");
        long when = System.currentTimeMillis() - 60_000;
        for (int i = 0; i < ROWS; i++) {
            String mobile = "9198300000" + String.format("%02d", i);
            customers.append(i == 0 ? "" : ",").append("{\"mobile\": \"").append(mobile).append("\"}");
            coupons.append(i == 0 ? "" : ",").append("{\"couponCode\": \"OUT-").append(i).append("\"}");
            csv.append(mobile).append(",OUT-").append(i).append(',').append(when).append(",1\n");
        }
        assertThat(api.postJson(service.url(API + "/customers"), customers + "]").status()).isEqualTo(200);
        assertThat(api.postJson(service.url(API + "/series/" + series + "/coupons"), coupons + "]").status()).isEqualTo(200);

        long jobId;
        try (Connection holder = connect()) {
            // the job stops before its redemptions, at its series' lock: it is running when PostgreSQL dies
            try (PreparedStatement ps = holder.prepareStatement("select pg_advisory_lock(1, ?::int)")) {
                ps.setLong(1, series);
                ps.execute();
            }
            String boundary = "outage-boundary";
            Http.Response upload = api.post(service.url(API + "/upload/redeemFile/" + series), "multipart/form-data; boundary="
                    + boundary, Http.multipart(boundary, "r.csv", csv.toString().getBytes(StandardCharsets.UTF_8),
                    Map.of("customerIdentifier", "MOBILE", "couponIdentifier", "COUPON_CODE")));
            assertThat(upload.status()).as(upload.body()).isEqualTo(200);
            jobId = upload.result().get("redeemUploadJobStatuses").get(0).get("jobId").asLong();
            await().atMost(Duration.ofSeconds(30)).until(() -> jobsWaitingFor(holder, series) == 1);

            new ProcessBuilder("kill", "-9", Long.toString(service.postmasterPid())).start().waitFor();
        }
        long killed = System.nanoTime();
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).until(() -> service.healthStatus() == 503);
        long downAfterMs = (System.nanoTime() - killed) / 1_000_000;
        Http.Response health = new Http(null).get(service.url("/observe/health"));
        assertThat(health.body()).contains("DOWN", "database");

        long asked = System.nanoTime();
        Http.Response job = api.get(service.url(API + "/upload/redeemJobs/" + jobId));
        long answeredMs = (System.nanoTime() - asked) / 1_000_000;
        assertThat(job.status()).as(job.body()).isEqualTo(503);
        assertThat(job.errorCode()).isEqualTo(1503);
        assertThat(answeredMs).as("a call that needs the database fails fast").isLessThan(4_000);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> service.healthStatus() == 200);
        long upAfterMs = (System.nanoTime() - killed) / 1_000_000;
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            Http.Response r = api.get(service.url(API + "/upload/redeemJobs/" + jobId));
            return r.status() == 200 && r.result().get("uploadRedeemedCouponStatus").asText().matches("COMPLETED|FAILED");
        });
        JsonNode ended = api.get(service.url(API + "/upload/redeemJobs/" + jobId)).result();
        assertThat(ended.get("uploadRedeemedCouponStatus").asText()).as(ended.toString()).isEqualTo("COMPLETED");
        assertThat(ended.get("totalUploadedCount").asInt()).isEqualTo(ROWS);
        assertThat(ended.get("errorCount").asInt()).isZero();
        try (Connection c = connect()) {
            assertThat(count(c, "select count(*) from redemption where job_id = " + jobId)).isEqualTo(ROWS);
            assertThat(count(c, "select attempts from upload_job where job_id = " + jobId)).as("attempts").isEqualTo(2);
        }
        System.out.printf("DatabaseOutageTest: health DOWN %d ms after the kill, a call answered 503 in %d ms, UP again after %d ms%n",
                downAfterMs, answeredMs, upAfterMs);

        // SIGTERM with the database gone: the service stops promptly all the same
        new ProcessBuilder("kill", "-9", Long.toString(service.postmasterPid())).start().waitFor();
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).until(() -> service.healthStatus() == 503);
        long term = System.nanoTime();
        service.process().destroy();
        assertThat(service.process().waitFor(20, TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
        long stoppedMs = (System.nanoTime() - term) / 1_000_000;
        System.out.printf("DatabaseOutageTest: stopped %d ms after SIGTERM, the database gone%n", stoppedMs);
        assertThat(stoppedMs).as("stopped promptly").isLessThan(5_000);
    }

    private Connection connect() throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + service.databasePort() + "/postgres",
                "postgres", service.databasePassword());
    }

    private static long jobsWaitingFor(Connection c, long series) throws SQLException {
        return count(c, "select count(*) from pg_locks where locktype = 'advisory' and not granted and classid = 1 and objid = " + series);
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
