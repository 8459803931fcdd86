package com.redeemupload.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.awaitility.Awaitility.await;

/** One org of a test, with its API key: sets up its registry and uploads files through the API. */
public final class TestOrg {

    public static final Map<String, String> BY_MOBILE_AND_CODE = Map.of("customerIdentifier", "MOBILE", "couponIdentifier", "COUPON_CODE");

    public final long orgId;
    public final Http api;

    TestOrg(long orgId, Http api) {
        this.orgId = orgId;
        this.api = api;
    }

    /** Creates a series; {@code rules} is the JSON body's content after the name, e.g. {@code "anyUser": true}. */
    public long series(String rules) {
        Http.Response r = api.postJson("/coupon/api/v1/series", "{\"name\": \"test series\"" + (rules.isBlank() ? "" : ", " + rules) + "}");
        expectOk(r);
        return r.result().get("couponSeriesId").asLong();
    }

    public JsonNode customers(String jsonArray) {
        Http.Response r = api.postJson("/coupon/api/v1/customers", jsonArray);
        expectOk(r);
        return r.result();
    }

    public JsonNode coupons(long seriesId, String jsonArray) {
        Http.Response r = api.postJson("/coupon/api/v1/series/" + seriesId + "/coupons", jsonArray);
        expectOk(r);
        return r.result();
    }

    /** Uploads a CSV with the default fields (MOBILE, COUPON_CODE) plus {@code extra}; returns the response. */
    public Http.Response upload(long seriesId, String csv, Map<String, String> extra) {
        return upload(seriesId, csv.getBytes(StandardCharsets.UTF_8), extra);
    }

    public Http.Response upload(long seriesId, byte[] csv, Map<String, String> extra) {
        Map<String, String> fields = new LinkedHashMap<>(BY_MOBILE_AND_CODE);
        fields.putAll(extra);
        fields.values().removeIf(v -> v == null);
        return api.upload(seriesId, "redemptions.csv", csv, fields);
    }

    /** Uploads and waits until the job has ended; returns the job object. */
    public JsonNode uploadAndWait(long seriesId, String csv) {
        return uploadAndWait(seriesId, csv, Map.of());
    }

    public JsonNode uploadAndWait(long seriesId, String csv, Map<String, String> extra) {
        return waitForEnd(jobIdOf(upload(seriesId, csv, extra)));
    }

    public JsonNode uploadAndWait(long seriesId, byte[] csv, Map<String, String> extra) {
        return waitForEnd(jobIdOf(upload(seriesId, csv, extra)));
    }

    public static long jobIdOf(Http.Response upload) {
        expectOk(upload);
        return upload.result().get("redeemUploadJobStatuses").get(0).get("jobId").asLong();
    }

    public JsonNode job(long jobId) {
        Http.Response r = api.get("/coupon/api/v1/upload/redeemJobs/" + jobId);
        expectOk(r);
        return r.result();
    }

    public JsonNode waitForEnd(long jobId) {
        AtomicReference<JsonNode> job = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
            job.set(job(jobId));
            String status = job.get().get("uploadRedeemedCouponStatus").asText();
            return status.equals("COMPLETED") || status.equals("FAILED");
        });
        return job.get();
    }

    /** The text of a job file ({@code uploaded}, {@code success} or {@code error}). */
    public String file(long jobId, String which) {
        Http.Response r = api.get("/coupon/api/v1/upload/redeemJobs/" + jobId + "/files/" + which);
        if (r.status() != 200) {
            throw new AssertionError("no " + which + " file for job " + jobId + ": " + r.status() + " " + r.body());
        }
        return r.body();
    }

    public static void expectOk(Http.Response r) {
        if (r.status() != 200) {
            throw new AssertionError("expected 200, got " + r.status() + ": " + r.body());
        }
    }

    public static long now() {
        return System.currentTimeMillis() - 60_000;
    }
}
