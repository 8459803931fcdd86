package com.redeemupload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.redeemupload.support.Http;
import com.redeemupload.support.ServiceTest;
import com.redeemupload.support.TestEnvironment;
import com.redeemupload.support.TestOrg;
import com.redeemupload.upload.UploadLeftovers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Every request error of contract 2.1: exact status, the error envelope, a message naming the field (or key), and
 * no job left behind. Plus what an accepted upload keeps of its form: details, and a safe file name.
 */
class UploadRequestErrorsTest extends ServiceTest {

    private static final String HEADER = "mobile,couponCode,redeemedDateInMillis,redeemedAt\n";
    private static final String MAPPING = "{\"mobile\": 0, \"couponCode\": 1, \"redeemedDateInMillis\": 2, \"redeemedAt\": 3}";

    private TestOrg org;
    private long series;
    private String csv;

    /** Once per class; in a BeforeEach, since the service is started only then. */
    @BeforeEach
    void setUp() {
        if (org != null) {
            return;
        }
        org = newOrg();
        series = org.series("");
        csv = HEADER + "919800000001,C1," + TestOrg.now() + ",10\n";
    }

    // --- form fields ---------------------------------------------------------------------------------------------

    @Test
    void unknownCustomerIdentifierValue() {
        Http.Response r = org.upload(series, csv, Map.of("customerIdentifier", "PHONE"));
        assertBadRequest(r, "customerIdentifier", "'PHONE'", "MOBILE, EMAIL, EXTERNAL_ID, USER_ID");
        assertNoJobs(series);
    }

    @Test
    void unknownCouponIdentifierValue() {
        Http.Response r = org.upload(series, csv, Map.of("couponIdentifier", "CODE"));
        assertBadRequest(r, "couponIdentifier", "'CODE'", "COUPON_CODE, COUPON_ID");
        assertNoJobs(series);
    }

    @Test
    void missingCustomerIdentifier() {
        Map<String, String> fields = new HashMap<>();
        fields.put("customerIdentifier", null);
        assertBadRequest(org.upload(series, csv, fields), "customerIdentifier", "required");
        assertNoJobs(series);
    }

    @Test
    void missingCouponIdentifier() {
        Map<String, String> fields = new HashMap<>();
        fields.put("couponIdentifier", null);
        assertBadRequest(org.upload(series, csv, fields), "couponIdentifier", "required");
        assertNoJobs(series);
    }

    @Test
    void missingFilePart() {
        Http.Response r = org.api.upload(series, null, null, TestOrg.BY_MOBILE_AND_CODE);
        assertBadRequest(r, "file", "missing");
        assertNoJobs(series);
    }

    @Test
    void fileUnderAnotherPartName() {
        Map<String, String> fields = new HashMap<>(TestOrg.BY_MOBILE_AND_CODE);
        fields.put("upload", csv);
        Http.Response r = org.api.upload(series, null, null, fields);
        assertBadRequest(r, "file", "missing");
        assertNoJobs(series);
    }

    @Test
    void emptyFile() {
        Http.Response r = org.upload(series, new byte[0], Map.of("uploadHeaders", MAPPING));
        assertBadRequest(r, "file", "empty", "0 bytes");
        assertNoJobs(series);
    }

    @Test
    void badUploadHeadersJson() {
        Http.Response r = org.upload(series, csv, Map.of("uploadHeaders", "{\"mobile\": 0, "));
        assertBadRequest(r, "uploadHeaders", "JSON object");
        assertNoJobs(series);
    }

    @Test
    void uploadHeadersThatIsNotAnObject() {
        Http.Response r = org.upload(series, csv, Map.of("uploadHeaders", "[0, 1, 2, 3]"));
        assertBadRequest(r, "uploadHeaders", "JSON object");
        assertNoJobs(series);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{'mobile': 0, 'couponCode': 1, 'redeemedDateInMillis': 2, 'redeemedAt': 3, 'phone': 4}  | 'phone'",
            "{'mobile': 0, 'couponCode': 1, 'redeemedDateInMillis': 2, 'redeemedAt': -1}             | 'redeemedAt'",
            "{'mobile': 0, 'couponCode': 1, 'redeemedDateInMillis': 1, 'redeemedAt': 3}              | 'redeemedDateInMillis'",
            "{'mobile': 0, 'couponCode': 1, 'redeemedAt': 3}                                         | 'redeemedDateInMillis'",
            "{'mobile': 0, 'couponCode': 1, 'redeemedDateInMillis': 2, 'redeemedAt': 3, 'mobile': 4} | 'mobile'",
            "{'couponCode': 1, 'redeemedDateInMillis': 2, 'redeemedAt': 3, 'email': 0}               | 'mobile'",
            "{'mobile': 0, 'couponId': 1, 'redeemedDateInMillis': 2, 'redeemedAt': 3}                | 'couponCode'",
            "{'mobile': 0, 'couponCode': 1, 'redeemedDateInMillis': 2}                               | 'redeemedAt'",
    })
    void uploadHeadersNamingTheKeyAtFault(String uploadHeaders, String key) {
        Http.Response r = org.upload(series, csv, Map.of("uploadHeaders", uploadHeaders));
        assertBadRequest(r, "uploadHeaders", key);
        assertNoJobs(series);
    }

    @Test
    void missingKeyOfTheChosenCustomerIdentifierIsNamedWithIt() {
        Http.Response r = org.upload(series, csv, Map.of("customerIdentifier", "EMAIL", "uploadHeaders", MAPPING));
        assertBadRequest(r, "uploadHeaders", "'email'", "customerIdentifier EMAIL");
        assertNoJobs(series);
    }

    @Test
    void missingKeyOfTheChosenCouponIdentifierIsNamedWithIt() {
        Http.Response r = org.upload(series, csv, Map.of("couponIdentifier", "COUPON_ID", "uploadHeaders", MAPPING));
        assertBadRequest(r, "uploadHeaders", "'couponId'", "couponIdentifier COUPON_ID");
        assertNoJobs(series);
    }

    @Test
    void noHeaderRowAndNoUploadHeaders() {
        Http.Response r = org.upload(series, "919800000001,C1," + TestOrg.now() + ",10\n", Map.of("hasHeaderRow", "false"));
        assertBadRequest(r, "uploadHeaders", "hasHeaderRow");
        assertNoJobs(series);
    }

    @Test
    void hasHeaderRowThatIsNotABoolean() {
        Http.Response r = org.upload(series, csv, Map.of("hasHeaderRow", "yes"));
        assertBadRequest(r, "hasHeaderRow", "'yes'");
        assertNoJobs(series);
    }

    @Test
    void headerRowLackingARequiredKeyWithoutUploadHeaders() {
        Http.Response r = org.upload(series, "mobile,couponCode,redeemedDateInMillis,till\n919800000001,C1," + TestOrg.now() + ",10\n", Map.of());
        assertBadRequest(r, "file (header row)", "'redeemedAt'");
        assertNoJobs(series);
    }

    @Test
    void headerRowLackingTheCustomerKeyWithoutUploadHeaders() {
        Http.Response r = org.upload(series, "phone,couponCode,redeemedDateInMillis,redeemedAt\n919800000001,C1," + TestOrg.now() + ",10\n", Map.of());
        assertBadRequest(r, "file (header row)", "'mobile'", "customerIdentifier MOBILE");
        assertNoJobs(series);
    }

    // --- series, content type, authentication ----------------------------------------------------------------------

    @Test
    void unknownSeries() {
        long unknown = series + 1_000_000;
        Http.Response r = org.upload(unknown, csv, Map.of());
        assertRefused(r, 404, 707, "Series ID invalid", Long.toString(unknown));
    }

    @Test
    void seriesIdThatIsNotANumber() {
        Http.Response r = org.api.post("/coupon/api/v1/upload/redeemFile/abc", "multipart/form-data; boundary=x", "--x--\r\n".getBytes(StandardCharsets.UTF_8));
        assertRefused(r, 404, 707, "Series ID invalid", "'abc'");
    }

    @Test
    void anotherOrgsSeriesIsExactlyLikeAnUnknownOne() {
        TestOrg other = newOrg();
        long othersSeries = other.series("");
        long unknown = othersSeries + 1_000_000;

        Http.Response theirs = org.upload(othersSeries, csv, Map.of());
        Http.Response none = org.upload(unknown, csv, Map.of());

        assertRefused(theirs, 404, 707, "Series ID invalid");
        // whole numbers only: series 40 must not turn "status":404 into "status":ID4
        assertThat(theirs.body().replaceAll("\\b" + othersSeries + "\\b", "ID"))
                .isEqualTo(none.body().replaceAll("\\b" + unknown + "\\b", "ID"));
        assertThat(other.api.get("/coupon/api/v1/upload/getUploadRedeemedCouponStatus/" + othersSeries).result()
                .get("redeemUploadJobStatuses")).isEmpty();
        // nor can its jobs be listed from here
        assertRefused(org.api.get("/coupon/api/v1/upload/getUploadRedeemedCouponStatus/" + othersSeries), 404, 707, "Series ID invalid");
    }

    @Test
    void requestThatIsNotMultipart() {
        Http.Response json = org.api.post("/coupon/api/v1/upload/redeemFile/" + series, "application/json",
                "{\"customerIdentifier\": \"MOBILE\"}".getBytes(StandardCharsets.UTF_8));
        assertRefused(json, 415, 1415, "multipart/form-data", "application/json");
        Http.Response rawCsv = org.api.post("/coupon/api/v1/upload/redeemFile/" + series, "text/csv", csv.getBytes(StandardCharsets.UTF_8));
        assertRefused(rawCsv, 415, 1415, "multipart/form-data", "text/csv");
        Http.Response noType = org.api.post("/coupon/api/v1/upload/redeemFile/" + series, null, csv.getBytes(StandardCharsets.UTF_8));
        assertThat(noType.status()).as(noType.body()).isEqualTo(415);
        assertNoJobs(series);
    }

    @Test
    void noApiKey() {
        Http.Response r = new Http(null).upload(series, "redemptions.csv", csv.getBytes(StandardCharsets.UTF_8), uploadFields());
        assertRefused(r, 401, 1401, "API key");
        assertNoJobs(series);
    }

    @Test
    void unknownApiKey() {
        Http.Response r = new Http("not-a-key-of-anyone").upload(series, "redemptions.csv", csv.getBytes(StandardCharsets.UTF_8), uploadFields());
        assertRefused(r, 401, 1401, "API key");
        assertNoJobs(series);
    }

    /**
     * The harness runs with the default limit (10 GiB), so the body is declared, not sent: Vert.x refuses on the
     * Content-Length before it reads the body, exactly as it does for a body that really is too large.
     */
    @Test
    void bodyOverTheUploadLimit() throws IOException {
        JsonNode created = new Http(TestEnvironment.ADMIN_TOKEN).postJson("/coupon/api/v1/admin/orgs", "{\"name\": \"too large\"}").result();
        long orgId = created.get("orgId").asLong();
        Http api = new Http(created.get("apiKey").asText());
        Http.Response s = api.postJson("/coupon/api/v1/series", "{\"name\": \"limit\"}");
        TestOrg.expectOk(s);
        long limitSeries = s.result().get("couponSeriesId").asLong();
        Set<String> uploadsBefore = filesIn(uploadDirectory());

        String boundary = "----too-large";
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"customerIdentifier\"\r\n\r\nMOBILE\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"couponIdentifier\"\r\n\r\nCOUPON_CODE\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.csv\"\r\nContent-Type: text/csv\r\n\r\n"
                + csv;
        URI base = URI.create(TestEnvironment.baseUrl());
        String status;
        String body;
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(uploadHead(limitSeries, created.get("apiKey").asText(), boundary, 10L * 1024 * 1024 * 1024 + 1));
            out.write(head.getBytes(StandardCharsets.UTF_8));
            out.flush();
            RawResponse response = RawResponse.read(socket.getInputStream());
            status = response.status();
            body = response.body();
        }

        assertThat(status).startsWith("HTTP/1.1 413");
        JsonNode envelope = new ObjectMapper().readTree(body);
        assertThat(envelope.get("success").asBoolean(true)).isFalse();
        assertThat(envelope.get("status").asInt()).isEqualTo(413);
        assertThat(envelope.get("errors").get(0).get("code").asInt()).isEqualTo(1413);
        assertThat(envelope.get("errors").get(0).get("message").asText()).contains("upload limit");
        assertThat(api.get("/coupon/api/v1/upload/getUploadRedeemedCouponStatus/" + limitSeries).result()
                .get("redeemUploadJobStatuses")).isEmpty();
        assertThat(Path.of(System.getProperty("redeem.files.dir")).resolve(Long.toString(orgId))).doesNotExist();
        assertThat(filesIn(uploadDirectory())).isSubsetOf(uploadsBefore);
    }

    /**
     * A body whose file part never ends (the closing boundary missing, as from a client that builds multipart by
     * hand): Vert.x waits for the part's end for ever, so the client had no answer and the part stayed on disk.
     */
    @Test
    void multipartBodyWithoutItsClosingBoundary() throws IOException {
        Set<String> uploadsBefore = filesIn(uploadDirectory());
        String boundary = "----no-closing-boundary";
        byte[] cutShort = withoutClosingBoundary(boundary);

        Http.Response r = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> org.api.post(
                "/coupon/api/v1/upload/redeemFile/" + series, "multipart/form-data; boundary=" + boundary, cutShort));

        assertBadRequest(r, "file", "closing boundary", "--" + boundary + "--", "nothing of it was kept");
        assertNoJobs(series);
        assertThat(filesIn(uploadDirectory())).isSubsetOf(uploadsBefore);
    }

    /** The same unfinished body, but the client hangs up first: what Vert.x had written of the part goes too. */
    @Test
    void unfinishedMultipartBodyLeavesNoFileWhenTheClientHangsUp() throws IOException {
        Set<String> uploadsBefore = filesIn(uploadDirectory());
        String boundary = "----client-hangs-up";
        byte[] cutShort = withoutClosingBoundary(boundary);
        URI base = URI.create(TestEnvironment.baseUrl());
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(uploadHead(series, org.api.apiKey(), boundary, cutShort.length));
            out.write(cutShort);
            out.flush();
            await().atMost(Duration.ofSeconds(10)).until(() -> !uploadsBefore.containsAll(filesIn(uploadDirectory())));
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(filesIn(uploadDirectory())).isSubsetOf(uploadsBefore));
        assertNoJobs(series);
    }

    /**
     * A client that stops sending its body but keeps the connection open: answered 408 once nothing has come for
     * redeem.http.stalled-body-timeout-ms (5 s here), the part written so far deleted, the connection closed.
     */
    @Test
    void bodyThatStopsArrivingIsRefusedAndLeavesNoFile() throws IOException {
        Set<String> uploadsBefore = filesIn(uploadDirectory());
        String boundary = "----stalls";
        byte[] whole = Http.multipart(boundary, "redemptions.csv", csv.getBytes(StandardCharsets.UTF_8), uploadFields());
        URI base = URI.create(TestEnvironment.baseUrl());
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(uploadHead(series, org.api.apiKey(), boundary, whole.length));
            out.write(whole, 0, whole.length - 40);   // into the file part, then nothing more
            out.flush();
            await().atMost(Duration.ofSeconds(10)).until(() -> !uploadsBefore.containsAll(filesIn(uploadDirectory())));

            RawResponse response = RawResponse.read(socket.getInputStream());

            assertThat(response.status()).startsWith("HTTP/1.1 408");
            JsonNode envelope = new ObjectMapper().readTree(response.body());
            assertThat(envelope.get("status").asInt()).isEqualTo(408);
            assertThat(envelope.get("errors").get(0).get("code").asInt()).isEqualTo(1408);
            assertThat(envelope.get("errors").get(0).get("message").asText())
                    .contains("stopped arriving", "after its first " + (whole.length - 40) + " bytes", "nothing of it was kept");
            assertThat(socket.getInputStream().read()).as("the connection is closed").isEqualTo(-1);
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(filesIn(uploadDirectory())).isSubsetOf(uploadsBefore));
        assertNoJobs(series);
    }

    /** What an instance killed mid-upload left in the upload folder goes once untouched for long; nothing else does. */
    @Test
    void uploadPartsLeftByAKilledInstanceAreDeletedOnceStale() throws IOException {
        Files.createDirectories(uploadDirectory());
        Path stale = Files.writeString(uploadDirectory().resolve("left-by-a-killed-instance"), "mobile,couponCode\n");
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(Duration.ofHours(7))));
        Path arriving = Files.writeString(uploadDirectory().resolve("still-arriving"), "mobile,couponCode\n");
        Files.setLastModifiedTime(arriving, FileTime.from(Instant.now().minus(Duration.ofHours(5))));

        // as the route upload-leftovers does hourly
        context.getRegistry().lookupByNameAndType("uploadLeftovers", UploadLeftovers.class).deleteStale();

        assertThat(stale).doesNotExist();
        assertThat(arriving).exists();
        Files.delete(arriving);
    }

    // --- what an accepted upload keeps -----------------------------------------------------------------------------

    /** Media types ignore case (RFC 9110); the boundary's value does not. */
    @ParameterizedTest
    @ValueSource(strings = {"Multipart/Form-Data; boundary=", "MULTIPART/FORM-DATA; BOUNDARY="})
    void multipartIsRecognisedWhateverTheCaseOfItsContentType(String contentType) {
        long s = org.series("");
        String boundary = "Mixed-Case-Boundary-7";
        Http.Response r = org.api.post("/coupon/api/v1/upload/redeemFile/" + s, contentType + boundary,
                Http.multipart(boundary, "redemptions.csv", csv.getBytes(StandardCharsets.UTF_8), uploadFields()));

        TestOrg.expectOk(r);
        JsonNode job = org.waitForEnd(TestOrg.jobIdOf(r));
        assertThat(job.get("uploadRedeemedCouponStatus").asText()).isEqualTo("COMPLETED");
        assertThat(org.api.get(job.get("uploadedFileUrl").asText()).body()).isEqualTo(csv);
    }

    @Test
    void detailsIsKeptOnTheJobUnderEitherName() {
        long s = org.series("");
        Http.Response lower = org.upload(s, csv, Map.of("details", "from the POS export"));
        Http.Response capital = org.upload(s, csv, Map.of("Details", "Partner batch 7"));
        Http.Response none = org.upload(s, csv, Map.of());

        assertThat(lower.result().get("redeemUploadJobStatuses").get(0).get("details").asText()).isEqualTo("from the POS export");
        assertThat(capital.result().get("redeemUploadJobStatuses").get(0).get("details").asText()).isEqualTo("Partner batch 7");
        assertThat(org.job(TestOrg.jobIdOf(lower)).get("details").asText()).isEqualTo("from the POS export");
        assertThat(org.job(TestOrg.jobIdOf(capital)).get("details").asText()).isEqualTo("Partner batch 7");
        assertThat(org.job(TestOrg.jobIdOf(none)).get("details").isNull()).isTrue();
    }

    @Test
    void fileNameIsMadeSafe() {
        long s = org.series("");
        Http.Response r = org.api.upload(s, "../../etc/pa\"ss\u0001wd.csv", csv.getBytes(StandardCharsets.UTF_8), uploadFields());
        TestOrg.expectOk(r);
        JsonNode job = r.result().get("redeemUploadJobStatuses").get(0);
        String createdOn = job.get("createdOn").asText();
        String fileName = job.get("fileName").asText();

        assertThat(fileName).matches("[^/\\\\\"\\p{Cntrl}]+_" + createdOn + "_" + s + "\\.csv")
                .doesNotContain("..").doesNotStartWith(".")
                // the HTTP layer drops a bare quote from the part's filename itself; SafeFileNameTest covers it
                .matches("pa_?ss_wd_" + createdOn + "_" + s + "\\.csv");
        assertThat(r.result().get("fileName").asText()).isEqualTo(fileName);
        assertThat(job.get("uploadedFileName").asText()).isEqualTo(fileName);
        Http.Response download = org.api.get(job.get("uploadedFileUrl").asText());
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.header("Content-Disposition")).isEqualTo("attachment; filename=\"" + fileName + "\"");
        assertThat(download.body()).isEqualTo(csv);
    }

    @Test
    void windowsPathIsCutToItsBaseName() {
        long s = org.series("");
        Http.Response r = org.api.upload(s, "C:\\Users\\pos\\May redemptions.csv", csv.getBytes(StandardCharsets.UTF_8), uploadFields());
        JsonNode job = r.result().get("redeemUploadJobStatuses").get(0);
        assertThat(job.get("fileName").asText()).isEqualTo("May redemptions_" + job.get("createdOn").asText() + "_" + s + ".csv");
    }

    // --- helpers ---------------------------------------------------------------------------------------------------

    private static Map<String, String> uploadFields() {
        return TestOrg.BY_MOBILE_AND_CODE;
    }

    private void assertNoJobs(long seriesId) {
        Http.Response r = org.api.get("/coupon/api/v1/upload/getUploadRedeemedCouponStatus/" + seriesId);
        TestOrg.expectOk(r);
        assertThat(r.result().get("redeemUploadJobStatuses")).as("jobs of series " + seriesId).isEmpty();
    }

    /** 400 with code 1400, the message starting with the field and naming everything in {@code mentions}. */
    private static void assertBadRequest(Http.Response r, String field, String... mentions) {
        assertRefused(r, 400, 1400, mentions);
        assertThat(r.errorMessage()).startsWith(field + ": ");
    }

    private static void assertRefused(Http.Response r, int status, int code, String... mentions) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        JsonNode json = r.json();
        assertThat(json.get("success").isBoolean() && !json.get("success").asBoolean()).as(r.body()).isTrue();
        assertThat(json.get("status").asInt()).isEqualTo(status);
        assertThat(json.has("result")).isFalse();
        assertThat(json.get("errors")).hasSize(1);
        assertThat(r.errorCode()).as(r.body()).isEqualTo(code);
        assertThat(r.errorMessage()).contains(mentions);
        assertThat(r.header("Content-Type")).startsWith("application/json");
    }

    /** The request line and headers of a multipart upload, written by hand to a socket. */
    private static byte[] uploadHead(long seriesId, String apiKey, String boundary, long contentLength) {
        URI base = URI.create(TestEnvironment.baseUrl());
        return ("POST /coupon/api/v1/upload/redeemFile/" + seriesId + " HTTP/1.1\r\n"
                + "Host: " + base.getHost() + ":" + base.getPort() + "\r\n"
                + "Authorization: Bearer " + apiKey + "\r\n"
                + "Content-Type: multipart/form-data; boundary=" + boundary + "\r\n"
                + "Content-Length: " + contentLength + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** A response read off a raw socket: its status line, and its body as Content-Length gives it. */
    private record RawResponse(String status, String body) {
        static RawResponse read(InputStream in) throws IOException {
            String status = readLine(in);
            long length = -1;
            for (String header = readLine(in); !header.isEmpty(); header = readLine(in)) {
                if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Long.parseLong(header.substring("content-length:".length()).trim());
                }
            }
            return new RawResponse(status, length < 0 ? "" : new String(in.readNBytes((int) length), StandardCharsets.UTF_8));
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    /** A valid upload's body, all but its closing boundary line. */
    private byte[] withoutClosingBoundary(String boundary) {
        byte[] whole = Http.multipart(boundary, "redemptions.csv", csv.getBytes(StandardCharsets.UTF_8), uploadFields());
        return Arrays.copyOf(whole, whole.length - ("--" + boundary + "--\r\n").length());
    }

    private static Path uploadDirectory() {
        return Path.of(System.getProperty("camel.server.fileUploadDirectory"));
    }

    private static Set<String> filesIn(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).map(Path::toString).collect(HashSet::new, Set::add, Set::addAll);
        }
    }
}
