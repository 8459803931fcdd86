package com.redeemupload;

import com.redeemupload.support.Http;
import com.redeemupload.support.RawHttp;
import com.redeemupload.support.ServiceTest;
import com.redeemupload.support.TestEnvironment;
import com.redeemupload.support.TestOrg;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Hostile requests over HTTP (issue 14): bodies of gigabytes without a key, bodies over a call's limit, credentials
 * where they do not belong. Each is answered in the envelope from its headers or first bytes, and nothing of it is
 * written to disk or held in memory.
 */
class HostileHttpTest extends ServiceTest {

    static final long TWO_GB = 2L * 1024 * 1024 * 1024;
    /** What the sockets between the client and the service may hold of a body the service never reads. */
    private static final long SOCKET_BUFFERS = 16L * 1024 * 1024;
    private static final long MAX_JSON_BODY = 32L * 1024 * 1024;

    private TestOrg org;
    private long series;

    @BeforeEach
    void setUp() {
        if (org == null) {
            org = newOrg();
            series = org.series("");
        }
    }

    /** Every call of routes/*-http.camel.yaml, with an id where its path takes one. */
    static List<String[]> endpoints() {
        return List.of(
                new String[]{"POST", "/coupon/api/v1/admin/orgs"},
                new String[]{"POST", "/coupon/api/v1/admin/orgs/1/apiKeys"},
                new String[]{"POST", "/coupon/api/v1/series"},
                new String[]{"GET", "/coupon/api/v1/series"},
                new String[]{"GET", "/coupon/api/v1/series/1"},
                new String[]{"POST", "/coupon/api/v1/customers"},
                new String[]{"POST", "/coupon/api/v1/series/1/coupons"},
                new String[]{"GET", "/coupon/api/v1/series/1/coupons?codes=A"},
                new String[]{"POST", "/coupon/api/v1/series/1/redemptions/import"},
                new String[]{"POST", "/coupon/api/v1/upload/redeemFile/1"},
                new String[]{"GET", "/coupon/api/v1/upload/getUploadRedeemedCouponStatus/1"},
                new String[]{"GET", "/coupon/api/v1/upload/redeemJobs/1"},
                new String[]{"GET", "/coupon/api/v1/upload/redeemJobs/1/files/error"});
    }

    static final List<String> CONTENT_TYPES = List.of("application/json", "multipart/form-data; boundary=x",
            "application/x-www-form-urlencoded", "text/csv", "application/octet-stream", "");

    static Stream<Arguments> everyEndpointAndContentType() {
        List<Arguments> all = new ArrayList<>();
        for (String[] endpoint : endpoints()) {
            for (String type : CONTENT_TYPES) {
                all.add(Arguments.of(endpoint[0], endpoint[1], type));
            }
        }
        return all.stream();
    }

    // --- authentication before the body ----------------------------------------------------------------------------

    /**
     * Finding 1: a 2 GB body without a key was read before the route refused it (into memory for JSON, up to 10 GiB;
     * to disk for multipart). Now the 401 comes from the headers alone, and the body is never read.
     */
    @ParameterizedTest(name = "{0} {1} ({2})")
    @MethodSource("everyEndpointAndContentType")
    void twoGigabytesWithoutAKeyAreRefusedFromTheHeaders(String method, String path, String contentType) throws Exception {
        Set<String> uploadsBefore = filesIn(uploadDirectory());

        RawHttp.Answer answer = RawHttp.sendLargeBody(method, path, contentTypeLine(contentType), TWO_GB, true);

        assertThat(answer.status()).as(answer.body()).isEqualTo(401);
        assertThat(answer.json().get("status").asInt()).isEqualTo(401);
        assertThat(answer.errorCode()).isEqualTo(1401);
        assertThat(answer.bodyBytesSentBefore()).as("body bytes sent before the answer").isLessThan(SOCKET_BUFFERS);
        assertThat(filesIn(uploadDirectory())).isSubsetOf(uploadsBefore);
    }

    /** The same without Content-Length (chunked): nothing says how large it is, and still nothing of it is read. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("endpointsOnly")
    void aChunkedBodyWithoutAKeyIsRefusedFromTheHeaders(String method, String path) throws Exception {
        RawHttp.Answer answer = RawHttp.sendLargeBody(method, path, contentTypeLine("application/json"), TWO_GB, false);

        assertThat(answer.status()).as(answer.body()).isEqualTo(401);
        assertThat(answer.bodyBytesSentBefore()).isLessThan(SOCKET_BUFFERS);
    }

    static Stream<Arguments> endpointsOnly() {
        return endpoints().stream().map(e -> Arguments.of(e[0], e[1]));
    }

    /** A key that is not known is found out before the body too (the look-up runs off the event loop, body paused). */
    @Test
    void anUnknownKeyIsRefusedBeforeTheBody() throws Exception {
        RawHttp.Answer answer = RawHttp.sendLargeBody("POST", "/coupon/api/v1/upload/redeemFile/" + series,
                "Authorization: Bearer not-a-key\r\nContent-Type: multipart/form-data; boundary=x\r\n", TWO_GB, true);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.errorMessage()).contains("not known");
        assertThat(answer.bodyBytesSentBefore()).isLessThan(SOCKET_BUFFERS);
    }

    /** Health and metrics need no key; their bodies are bounded like any call's. */
    @Test
    void healthTakesNoLargeBody() throws Exception {
        RawHttp.Answer declared = RawHttp.sendLargeBody("GET", "/observe/health", "", TWO_GB, true);
        RawHttp.Answer chunked = RawHttp.sendLargeBody("POST", "/observe/health", "", TWO_GB, false);

        assertThat(declared.status()).isEqualTo(413);
        assertThat(declared.bodyBytesSentBefore()).isLessThan(SOCKET_BUFFERS);
        assertThat(chunked.status()).isEqualTo(413);
        assertThat(chunked.bodyBytesSentBefore()).isLessThan(MAX_JSON_BODY + SOCKET_BUFFERS);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->   // the inbox consumer is UP once it has polled
                assertThat(new Http(null).get("/observe/health").json().get("status").asText()).isEqualTo("UP"));
    }

    // --- bounded bodies ----------------------------------------------------------------------------------------------

    /** Finding 1 with a key: a JSON call's body is bounded by redeem.http.max-json-body, not the upload limit. */
    @Test
    void aJsonBodyOverItsLimitIsRefusedFromItsContentLength() throws Exception {
        RawHttp.Answer answer = RawHttp.sendLargeBody("POST", "/coupon/api/v1/customers",
                auth() + "Content-Type: application/json\r\n", TWO_GB, true);

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.errorCode()).isEqualTo(1413);
        assertThat(answer.errorMessage()).contains("limit of " + MAX_JSON_BODY + " bytes", "redeem.http.max-json-body");
        assertThat(answer.bodyBytesSentBefore()).isLessThan(SOCKET_BUFFERS);
    }

    @Test
    void aChunkedJsonBodyIsRefusedOnceItPassesItsLimit() throws Exception {
        RawHttp.Answer answer = RawHttp.sendLargeBody("POST", "/coupon/api/v1/customers",
                auth() + "Content-Type: application/json\r\n", TWO_GB, false);

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.errorMessage()).contains("redeem.http.max-json-body");
        assertThat(answer.bodyBytesSentBefore()).isBetween(MAX_JSON_BODY, MAX_JSON_BODY + SOCKET_BUFFERS);
    }

    /** A form sent to a JSON call would be decoded (its file parts written to disk): refused before. */
    @Test
    void aFormToAJsonCallIsRefusedBeforeItIsDecoded() throws Exception {
        Set<String> uploadsBefore = filesIn(uploadDirectory());
        RawHttp.Answer answer = RawHttp.sendLargeBody("POST", "/coupon/api/v1/customers",
                auth() + "Content-Type: multipart/form-data; boundary=x\r\n", TWO_GB, true);

        assertThat(answer.status()).isEqualTo(415);
        assertThat(answer.errorMessage()).contains("application/json");
        assertThat(filesIn(uploadDirectory())).isSubsetOf(uploadsBefore);
    }

    /** The figures for the issue: time to answer, bytes sent, heap before and after, for a 2 GB body of each kind. */
    @Test
    void largeBodiesLeaveTheHeapFlat() throws Exception {
        long heapBefore = usedHeapAfterGc();
        List<String> figures = new ArrayList<>();
        for (String[] request : List.of(
                new String[]{"POST", "/coupon/api/v1/customers", "Content-Type: application/json\r\n", "no key, length"},
                new String[]{"POST", "/coupon/api/v1/upload/redeemFile/" + series, "Content-Type: multipart/form-data; boundary=x\r\n", "no key, length"},
                new String[]{"POST", "/coupon/api/v1/customers", auth() + "Content-Type: application/json\r\n", "key, chunked"})) {
            boolean chunked = request[3].contains("chunked");
            RawHttp.Answer answer = RawHttp.sendLargeBody(request[0], request[1], request[2], TWO_GB, !chunked);
            figures.add(String.format("%s %s (%s): %d after %d ms, %d body bytes sent before the answer",
                    request[0], request[1], request[3], answer.status(), answer.millisAfterHead(), answer.bodyBytesSentBefore()));
        }
        long heapAfter = usedHeapAfterGc();
        figures.forEach(System.out::println);
        System.out.printf("heap used before %d MB, after %d MB%n", heapBefore >> 20, heapAfter >> 20);

        assertThat(heapAfter - heapBefore).as("heap growth").isLessThan(64L * 1024 * 1024);
    }

    // --- credentials only in headers ------------------------------------------------------------------------------------

    /** Finding 9: a key in the query string or a form field was taken; they end up in proxy and access logs. */
    @Test
    void aKeyInTheQueryStringIsNotTaken() {
        Http noKey = new Http(null);
        String key = URLEncoder.encode(org.api.apiKey(), StandardCharsets.UTF_8);
        String bearer = URLEncoder.encode("Bearer " + org.api.apiKey(), StandardCharsets.UTF_8);
        String admin = URLEncoder.encode("Bearer " + TestEnvironment.ADMIN_TOKEN, StandardCharsets.UTF_8);

        assertUnauthorized(noKey.get("/coupon/api/v1/series?X-CAP-API-OAUTH-TOKEN=" + key));
        assertUnauthorized(noKey.get("/coupon/api/v1/series?Authorization=" + bearer));
        assertUnauthorized(noKey.postJson("/coupon/api/v1/admin/orgs?Authorization=" + admin, "{\"name\": \"query\"}"));
        assertUnauthorized(noKey.get("/coupon/api/v1/upload/getUploadRedeemedCouponStatus/" + series + "?X-CAP-API-OAUTH-TOKEN=" + key));
    }

    @Test
    void aKeyInAFormFieldIsNotTaken() {
        Http noKey = new Http(null);
        Map<String, String> fields = Map.of("customerIdentifier", "MOBILE", "couponIdentifier", "COUPON_CODE",
                "X-CAP-API-OAUTH-TOKEN", org.api.apiKey(), "Authorization", "Bearer " + org.api.apiKey());

        assertUnauthorized(noKey.upload(series, "r.csv", "mobile,couponCode\n1,A\n".getBytes(StandardCharsets.UTF_8), fields));
        assertUnauthorized(noKey.post("/coupon/api/v1/series", "application/x-www-form-urlencoded",
                ("X-CAP-API-OAUTH-TOKEN=" + org.api.apiKey()).getBytes(StandardCharsets.UTF_8)));
    }

    /** The two headers of the contract still work, and the org found first is the one the call acts for. */
    @Test
    void bothHeadersOfTheContractWork() throws Exception {
        Http.Response bearer = org.api.get("/coupon/api/v1/series/" + series);
        java.net.http.HttpResponse<String> token = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                .newBuilder(java.net.URI.create(TestEnvironment.baseUrl() + "/coupon/api/v1/series/" + series))
                .header("X-CAP-API-OAUTH-TOKEN", org.api.apiKey()).build(), java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(bearer.status()).isEqualTo(200);
        assertThat(token.statusCode()).isEqualTo(200);
        assertThat(newOrg().api.get("/coupon/api/v1/series/" + series).status()).as("another org's series").isEqualTo(404);
    }

    // --- helpers -----------------------------------------------------------------------------------------------------

    private String auth() {
        return "Authorization: Bearer " + org.api.apiKey() + "\r\n";
    }

    private static String contentTypeLine(String contentType) {
        return contentType.isEmpty() ? "" : "Content-Type: " + contentType + "\r\n";
    }

    private static void assertUnauthorized(Http.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(401);
        assertThat(r.errorCode()).isEqualTo(1401);
    }

    static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static Path uploadDirectory() {
        return Path.of(System.getProperty("camel.server.fileUploadDirectory"));
    }

    static Set<String> filesIn(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).map(Path::toString).collect(Collectors.toSet());
        }
    }
}
