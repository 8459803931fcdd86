package com.redeemupload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.redeemupload.support.Http;
import com.redeemupload.support.ServiceTest;
import com.redeemupload.support.TestEnvironment;
import com.redeemupload.support.TestOrg;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Random bytes, random multipart forms and random JSON (seeded, a bounded count) to every call of routes/*-http.camel.yaml,
 * with and without a valid key: never a 5xx but the database-down 503, always the JSON envelope, and the service
 * healthy and taking uploads afterwards.
 */
class FuzzTest extends ServiceTest {

    private static final long SEED = Long.getLong("fuzz.seed", 20261204L);
    private static final int REQUESTS = Integer.getInteger("fuzz.requests", 1500);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String[] KEYS = {"mobile", "email", "externalId", "userId", "name", "couponCode", "couponId",
            "issuedTo", "customer", "expiresOn", "redeemedDateInMillis", "redeemedAt", "billId", "billNumber", "details",
            "anyUser", "sameUserMultipleRedeem", "redemptionPerCouponMaxLimit", "maxRedemptionsInSeriesPerUser", "validTill",
            "customers", "coupons", "redemptions", "orgId", "apiKey"};
    private static final String[] FIELDS = {"file", "customerIdentifier", "couponIdentifier", "uploadHeaders", "details",
            "Details", "hasHeaderRow", "validateOnly"};

    private Random random;

    @Test
    void randomRequestsToEveryCallNeverBreakTheService() throws Exception {
        TestOrg org = newOrg();
        long series = org.series("");
        long jobId = TestOrg.jobIdOf(org.upload(series, "mobile,couponCode,redeemedDateInMillis,redeemedAt\n1,C," + TestOrg.now() + ",1\n", java.util.Map.of()));
        random = new Random(SEED);
        List<String> failures = new ArrayList<>();
        java.util.Map<Integer, Integer> statuses = new java.util.TreeMap<>();

        for (int i = 0; i < REQUESTS; i++) {
            String[] endpoint = HostileHttpTest.endpoints().get(random.nextInt(HostileHttpTest.endpoints().size()));
            String path = withIds(endpoint[1], series, jobId);
            String credential = switch (random.nextInt(4)) {
                case 0 -> null;
                case 1 -> "not-a-key";
                default -> path.contains("/admin/") ? TestEnvironment.ADMIN_TOKEN : org.api.apiKey();
            };
            Body body = randomBody();
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(TestEnvironment.baseUrl() + path))
                    .timeout(Duration.ofSeconds(30)).method(endpoint[0], HttpRequest.BodyPublishers.ofByteArray(body.bytes()));
            if (body.contentType() != null) {
                request.header("Content-Type", body.contentType());
            }
            if (credential != null && random.nextBoolean()) {
                request.header("Authorization", "Bearer " + credential);
            } else if (credential != null) {
                request.header("X-CAP-API-OAUTH-TOKEN", credential);
            }
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            statuses.merge(response.statusCode(), 1, Integer::sum);
            String failure = check(endpoint[0] + " " + path + " (" + body.kind() + ", key " + (credential != null) + ")", response);
            if (failure != null) {
                failures.add(failure);
            }
        }

        System.out.println("Fuzz answers by status (seed " + SEED + "): " + statuses);
        assertThat(statuses).as("calls reached past authentication and into the routes").containsKeys(200, 400, 401, 404, 415);
        assertThat(failures).as("requests answered wrongly, of " + REQUESTS + " (seed " + SEED + ")").isEmpty();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(new Http(null).get("/observe/health").json().get("status").asText()).isEqualTo("UP"));
        assertThat(org.uploadAndWait(series, "mobile,couponCode,redeemedDateInMillis,redeemedAt\n2,D," + TestOrg.now() + ",1\n")
                .get("uploadRedeemedCouponStatus").asText()).isEqualTo("COMPLETED");
    }

    /** Null when the answer is right: no 5xx but 503, and the envelope (a job file's download aside). */
    private static String check(String request, HttpResponse<String> response) {
        int status = response.statusCode();
        String said = request + " -> " + status + " " + abbreviate(response.body());
        if (status >= 500 && status != 503) {
            return said;
        }
        if (status == 200 && request.contains("/files/")) {
            return null;   // the CSV itself
        }
        try {
            JsonNode envelope = JSON.readTree(response.body());
            boolean ok = envelope.get("status").asInt() == status && envelope.get("success").asBoolean() == (status == 200)
                    && (status == 200 ? envelope.has("result") : envelope.get("errors").get(0).get("message").isTextual());
            return ok ? null : said;
        } catch (IOException | RuntimeException e) {
            return said + " (not the envelope)";
        }
    }

    private record Body(String kind, String contentType, byte[] bytes) {
    }

    private Body randomBody() {
        return switch (random.nextInt(4)) {
            case 0 -> new Body("bytes", pick(null, "application/json", "text/csv", "application/octet-stream",
                    "multipart/form-data; boundary=zz", "application/x-www-form-urlencoded"), randomBytes(random.nextInt(4096)));
            case 1 -> new Body("multipart", "multipart/form-data; boundary=fz", randomMultipart());
            default -> new Body("json", pick("application/json", "application/json; charset=utf-8", "text/plain"),
                    randomJson(0).getBytes(StandardCharsets.UTF_8));
        };
    }

    private byte[] randomMultipart() {
        String boundary = "fz";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int parts = random.nextInt(8);
        for (int i = 0; i < parts; i++) {
            String name = random.nextInt(5) == 0 ? new String(randomBytes(6), StandardCharsets.ISO_8859_1) : FIELDS[random.nextInt(FIELDS.length)];
            boolean file = name.equals("file") || random.nextInt(6) == 0;
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\""
                    + (file ? "; filename=\"" + pick("r.csv", "../../x.csv", "a\\b.csv", "") + "\"\r\nContent-Type: text/csv" : "")
                    + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes(switch (random.nextInt(4)) {
                case 0 -> randomBytes(random.nextInt(300));
                case 1 -> randomJson(0).getBytes(StandardCharsets.UTF_8);
                case 2 -> pick("MOBILE", "COUPON_CODE", "EMAIL", "true", "false", "USER_ID", "x").getBytes(StandardCharsets.UTF_8);
                default -> ("mobile,couponCode,redeemedDateInMillis,redeemedAt\n" + random.nextLong() + ",C,"
                        + random.nextLong() + "," + random.nextInt() + "\n").getBytes(StandardCharsets.UTF_8);
            });
            out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        if (random.nextInt(4) > 0) {
            out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        byte[] bytes = out.toByteArray();
        return random.nextInt(5) == 0 && bytes.length > 0 ? java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length)) : bytes;
    }

    private String randomJson(int depth) {
        int kind = depth > 4 ? 3 + random.nextInt(5) : random.nextInt(8);
        return switch (kind) {
            case 0, 1 -> {
                StringBuilder array = new StringBuilder("[");
                for (int i = random.nextInt(6); i > 0; i--) {
                    array.append(randomJson(depth + 1)).append(i > 1 ? "," : "");
                }
                yield array.append("]").toString();
            }
            case 2 -> {
                StringBuilder object = new StringBuilder("{");
                for (int i = random.nextInt(6); i > 0; i--) {
                    object.append('"').append(KEYS[random.nextInt(KEYS.length)]).append("\":").append(randomJson(depth + 1)).append(i > 1 ? "," : "");
                }
                yield object.append("}").toString();
            }
            case 3 -> Long.toString(random.nextInt(3) == 0 ? random.nextLong() : random.nextInt(100));
            case 4 -> "\"" + pick("9198000000" + random.nextInt(100), "", "a@b.c", "C" + random.nextInt(9), "\\u0000", "x".repeat(random.nextInt(300))) + "\"";
            case 5 -> pick("true", "false", "null", "1e308", "-0", "1.5", "99999999999999999999999");
            case 6 -> pick("{", "[", "\"", "}", ",", "{\"a\":}", "[1,]", "nul");   // broken
            default -> "\"" + random.nextInt() + "\"";
        };
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    @SafeVarargs
    private <T> T pick(T... options) {
        return options[random.nextInt(options.length)];
    }

    private String withIds(String path, long series, long jobId) {
        String seriesId = pick(Long.toString(series), "1", "0", "-1", "abc", "99999999999999999999", "%00", "1.5");
        String job = pick(Long.toString(jobId), "1", "x", "-5", "99999999999999999999");
        return path.replace("/series/1", "/series/" + seriesId).replace("redeemFile/1", "redeemFile/" + seriesId)
                .replace("getUploadRedeemedCouponStatus/1", "getUploadRedeemedCouponStatus/" + seriesId)
                .replace("redeemJobs/1", "redeemJobs/" + job).replace("orgs/1", "orgs/" + pick("1", "x", "-1", "999999"))
                .replace("files/error", "files/" + pick("error", "success", "uploaded", "..", "x"));
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
