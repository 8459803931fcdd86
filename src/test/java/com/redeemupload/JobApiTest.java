package com.redeemupload;

import com.fasterxml.jackson.databind.JsonNode;
import com.redeemupload.pipeline.StagingTable;
import com.redeemupload.support.Http;
import com.redeemupload.support.ServiceTest;
import com.redeemupload.support.TestEnvironment;
import com.redeemupload.support.TestOrg;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Job status, paging, downloads and tenancy (contract 2.2 to 2.4). */
class JobApiTest extends ServiceTest {

    private TestOrg org;
    private long series;
    private long completedJob;
    private String csv;

    @BeforeEach   // not @BeforeAll: the service starts before the first test, after @BeforeAll
    void uploadOneFile() {
        if (org != null) {
            return;
        }
        org = newOrg();
        series = org.series("");
        org.customers("[{\"mobile\": \"919800000001\"}]");
        org.coupons(series, "[{\"couponCode\": \"C1\", \"issuedTo\": {\"mobile\": \"919800000001\"}}]");
        csv = "mobile,couponCode,redeemedDateInMillis,redeemedAt\n919800000001,C1," + TestOrg.now() + ",7\n919800000001,NOPE,"
                + TestOrg.now() + ",7\n";
        completedJob = org.uploadAndWait(series, csv, Map.of("details", "shop 7 batch")).get("jobId").asLong();
    }

    @Test
    void everyJobFieldHasItsJsonType() {
        JsonNode job = org.job(completedJob);

        for (String integer : List.of("jobId", "orgId", "couponSeriesId", "actualRowCount", "totalUploadedCount", "errorCount",
                "processedCount")) {
            assertThat(job.get(integer).isIntegralNumber()).as(integer).isTrue();
        }
        for (String text : List.of("uploadRedeemedCouponStatus", "createdOn", "updatedOn", "uploadedFileName", "fileName",
                "uploadedFileUrl", "successFileUrl", "errorFileUrl", "uploadTableName", "source", "details",
                "customerIdentifier", "couponIdentifier")) {
            assertThat(job.get(text).isTextual()).as(text).isTrue();
        }
        assertThat(job.get("failureReason").isNull()).isTrue();
        assertThat(job.get("createdOn").asText()).matches("\\d{13}");
        assertThat(job.get("updatedOn").asLong()).isGreaterThanOrEqualTo(job.get("createdOn").asLong());
        assertThat(job.get("fileName").asText()).isEqualTo("redemptions_" + job.get("createdOn").asText() + "_" + series + ".csv");
        assertThat(job.get("uploadedFileName").asText()).isEqualTo(job.get("fileName").asText());
        assertThat(job.get("source").asText()).isEqualTo("HTTP");
        assertThat(job.get("details").asText()).isEqualTo("shop 7 batch");
        assertThat(job.get("uploadTableName").asText()).isEqualTo("staging.job_" + completedJob);
        assertThat(job.fieldNames()).toIterable().hasSize(21);
    }

    @Test
    void fileUrlsWorkAndServeCsvAttachments() {
        JsonNode job = org.job(completedJob);

        Http.Response success = org.api.get(job.get("successFileUrl").asText());
        Http.Response error = org.api.get(job.get("errorFileUrl").asText());
        Http.Response uploaded = org.api.get(job.get("uploadedFileUrl").asText());

        assertThat(uploaded.body()).isEqualTo(csv);
        assertThat(success.header("Content-Type")).startsWith("text/csv");
        assertThat(success.header("Content-Disposition"))
                .isEqualTo("attachment; filename=\"" + job.get("fileName").asText().replace(".csv", "_success.csv") + "\"");
        assertThat(success.body()).startsWith("mobile,couponCode,redeemedDateInMillis,redeemedAt,redemptionId\n919800000001,C1,");
        assertThat(error.body()).contains(",719,");
        assertThat(org.api.get("/coupon/api/v1/upload/redeemJobs/" + completedJob + "/files/other").status()).isEqualTo(404);
    }

    @Test
    void noErrorFileWhenNoRowWasRefused() {
        long s = org.series("\"anyUser\": true, \"redemptionPerCouponMaxLimit\": -1, \"sameUserMultipleRedeem\": true");
        org.coupons(s, "[{\"couponCode\": \"ANY\"}]");
        JsonNode job = org.uploadAndWait(s, "mobile,couponCode,redeemedDateInMillis,redeemedAt\n919800000001,ANY," + TestOrg.now() + ",1\n");

        assertThat(job.get("errorFileUrl").isNull()).isTrue();
        assertThat(job.get("successFileUrl").isTextual()).isTrue();
        Http.Response error = org.api.get("/coupon/api/v1/upload/redeemJobs/" + job.get("jobId").asLong() + "/files/error");
        assertThat(error.status()).isEqualTo(404);
        assertThat(error.errorMessage()).contains("no error file");
    }

    @Test
    void statusBySeriesListsNewestFirstInPages() {
        long s = org.series("");
        List<Long> jobIds = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            jobIds.add(org.uploadAndWait(s, "mobile,couponCode,redeemedDateInMillis,redeemedAt\n919800000001,X," + TestOrg.now() + ",1\n")
                    .get("jobId").asLong());
        }

        JsonNode all = org.api.get("/coupon/api/v1/upload/getUploadRedeemedCouponStatus/" + s).result();
        JsonNode page = org.api.get("/coupon/api/v1/upload/getUploadRedeemedCouponStatus/" + s + "?limit=1&offset=1").result();

        assertThat(all.get("orgId").asLong()).isEqualTo(org.orgId);
        assertThat(all.get("couponSeriesId").asLong()).isEqualTo(s);
        assertThat(all.get("redeemUploadJobStatuses").findValues("jobId")).extracting(JsonNode::asLong)
                .containsExactly(jobIds.get(2), jobIds.get(1), jobIds.get(0));
        assertThat(page.get("redeemUploadJobStatuses").findValues("jobId")).extracting(JsonNode::asLong)
                .containsExactly(jobIds.get(1));
        Http.Response tooMany = org.api.get("/coupon/api/v1/upload/getUploadRedeemedCouponStatus/" + s + "?limit=501");
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.errorMessage()).contains("limit");
    }

    @Test
    void anEndedJobsStagingTableIsDroppedAfterItsRetention() throws Exception {
        long jobId = org.uploadAndWait(series, csv).get("jobId").asLong();
        try (Connection c = dataSource().getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("update upload_job set updated_on = updated_on - 169 * 3600000 where job_id = " + jobId);
        }

        int dropped = context.getRegistry().lookupByNameAndType("stagingTable", StagingTable.class).dropExpired();

        assertThat(dropped).isGreaterThanOrEqualTo(1);
        assertThat(org.job(jobId).get("uploadTableName").isNull()).isTrue();
        assertThat(org.job(completedJob).get("uploadTableName").asText()).isEqualTo("staging.job_" + completedJob);
        try (Connection c = dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select to_regclass('staging.job_" + jobId + "') is null")) {
            rs.next();
            assertThat(rs.getBoolean(1)).isTrue();
        }
    }

    @Test
    void healthIsServedOnTheApiPort() {
        Http.Response health = new Http(null).get("/observe/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("UP");
    }

    /** Prometheus' text format: every job that ends counts by how it ended, with its rows and its time. */
    @Test
    void metricsCountEveryJobThatEndsWithItsRows() {
        long s = org.series("");
        org.coupons(s, "[{\"couponCode\": \"M1\", \"issuedTo\": {\"mobile\": \"919800000001\"}}]");
        String header = "mobile,couponCode,redeemedDateInMillis,redeemedAt\n";
        String before = new Http(null).get("/observe/metrics").body();

        org.uploadAndWait(s, header + "919800000001,M1," + TestOrg.now() + ",7\n919800000001,NOPE," + TestOrg.now() + ",7\n");
        org.uploadAndWait(s, header);   // no data rows: FAILED

        // recorded just after the job's status, so a moment after the job shows it
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Http.Response metrics = new Http(null).get("/observe/metrics");
            assertThat(metrics.status()).isEqualTo(200);
            String after = metrics.body();
            assertThat(increase(before, after, "redeem_jobs_ended_total", "status=\"COMPLETED\"", "source=\"HTTP\"")).isEqualTo(1);
            assertThat(increase(before, after, "redeem_jobs_ended_total", "status=\"FAILED\"", "source=\"HTTP\"")).isEqualTo(1);
            assertThat(increase(before, after, "redeem_rows_total", "outcome=\"redeemed\"")).isEqualTo(1);
            assertThat(increase(before, after, "redeem_rows_total", "outcome=\"refused\"")).isEqualTo(1);
            assertThat(increase(before, after, "redeem_job_processing_seconds_count", "status=\"COMPLETED\"")).isEqualTo(1);
            assertThat(increase(before, after, "redeem_job_processing_seconds_count", "status=\"FAILED\"")).isEqualTo(1);
        });
        // Camel's own, per route, come with them
        assertThat(new Http(null).get("/observe/metrics").body()).contains("camel_exchanges_total{", "routeId=\"job-run\"");
    }

    @Test
    void anotherOrgsKeySeesNothingOfThisOrg() {
        TestOrg other = newOrg();
        long otherSeries = other.series("");
        String job = "/coupon/api/v1/upload/redeemJobs/" + completedJob;
        long missingJob = completedJob + 1_000_000;

        assertThat(other.api.get(job).status()).isEqualTo(404);
        assertThat(other.api.get(job).errorMessage()).isEqualTo(other.api.get("/coupon/api/v1/upload/redeemJobs/" + missingJob).errorMessage()
                .replace(Long.toString(missingJob), Long.toString(completedJob)));
        for (String file : List.of("uploaded", "success", "error")) {
            assertThat(other.api.get(job + "/files/" + file).status()).as(file).isEqualTo(404);
        }
        Http.Response statuses = other.api.get("/coupon/api/v1/upload/getUploadRedeemedCouponStatus/" + series);
        assertThat(statuses.status()).isEqualTo(404);
        assertThat(statuses.errorCode()).isEqualTo(707);
        assertThat(other.api.get("/coupon/api/v1/series/" + series).status()).isEqualTo(404);
        Http.Response upload = other.upload(series, "mobile,couponCode,redeemedDateInMillis,redeemedAt\n1,2,3,4\n", Map.of());
        assertThat(upload.status()).isEqualTo(404);
        assertThat(upload.errorCode()).isEqualTo(707);
        assertThat(org.api.get("/coupon/api/v1/upload/getUploadRedeemedCouponStatus/" + otherSeries).status()).isEqualTo(404);
    }

    @Test
    void callsWithoutAValidKeyAre401() {
        Http.Response none = new Http(null).get("/coupon/api/v1/upload/redeemJobs/" + completedJob);
        Http.Response wrong = new Http("rk_not-a-key").get("/coupon/api/v1/upload/redeemJobs/" + completedJob);

        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json().get("success").asBoolean()).isFalse();
        assertThat(none.errorMessage()).contains("Authorization: Bearer").contains("X-CAP-API-OAUTH-TOKEN");
        assertThat(wrong.status()).isEqualTo(401);
    }

    @Test
    void theAnchorApisTokenHeaderWorksToo() throws Exception {
        String key = org.api.apiKey();
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(TestEnvironment.baseUrl() + "/coupon/api/v1/upload/redeemJobs/" + completedJob))
                .header("X-CAP-API-OAUTH-TOKEN", key).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(200);
    }

    /** How much the samples of a metric with all of these labels rose between two scrapes. */
    private static double increase(String before, String after, String name, String... labels) {
        return sum(after, name, labels) - sum(before, name, labels);
    }

    private static double sum(String scrape, String name, String... labels) {
        return scrape.lines()
                .filter(line -> line.startsWith(name + "{") && Arrays.stream(labels).allMatch(line::contains))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
