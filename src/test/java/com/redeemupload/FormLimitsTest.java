package com.redeemupload;

import com.redeemupload.support.Http;
import com.redeemupload.support.ServiceTest;
import com.redeemupload.support.TestOrg;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static com.redeemupload.HostileHttpTest.filesIn;
import static com.redeemupload.HostileHttpTest.uploadDirectory;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Finding 8 and the form part of 11: oversized form fields, too many fields or file parts, and a field sent twice
 * under names that differ in case, answered in the envelope naming the field or the limit, with nothing kept.
 */
class FormLimitsTest extends ServiceTest {

    private static final String BOUNDARY = "----form-limits";
    private static final String CSV = "mobile,couponCode,redeemedDateInMillis,redeemedAt\n919800000001,C1," + TestOrg.now() + ",10\n";

    private TestOrg org;
    private long series;
    private Set<String> uploadsBefore;

    @BeforeEach
    void setUp() throws IOException {
        if (org == null) {
            org = newOrg();
            series = org.series("");
        }
        uploadsBefore = filesIn(uploadDirectory());
    }

    @Test
    void detailsOverItsBoundIsRefusedNamingIt() throws IOException {
        Http.Response r = upload(Map.of("details", "d".repeat(2001)));

        assertRefused(r, 400, 1400, "details: ", "2001 characters", "at most 2000", "redeem.details.max-length");
    }

    @Test
    void detailsAtItsBoundIsKept() {
        long jobId = TestOrg.jobIdOf(upload(Map.of("details", "d".repeat(2000))));

        assertThat(org.waitForEnd(jobId).get("details").asText()).hasSize(2000);
    }

    /** Over Vert.x's own bound of a form field (8 KB before): 400 "the connection closed before..." and no name. */
    @Test
    void aFieldOverTheFormFieldLimitIsRefusedNamingTheLimit() throws IOException {
        Http.Response r = upload(Map.of("details", "d".repeat(100_000)));

        assertRefused(r, 413, 1413, "over 65536 bytes", "redeem.http.max-form-field-bytes");
    }

    @Test
    void tenThousandFieldsAreRefusedNamingTheLimit() throws IOException {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < 10_000; i++) {
            fields.put("f" + i, "v");
        }

        assertRefused(upload(fields), 413, 1413, "more than 32 parts", "redeem.http.max-form-fields");
    }

    @Test
    void fiveHundredFilePartsAreRefusedNamingTheLimit() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(fields(TestOrg.BY_MOBILE_AND_CODE));
        for (int i = 0; i < 500; i++) {
            body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f" + i
                    + ".csv\"\r\nContent-Type: text/csv\r\n\r\n" + CSV + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));

        Http.Response r = org.api.post("/coupon/api/v1/upload/redeemFile/" + series, "multipart/form-data; boundary=" + BOUNDARY,
                body.toByteArray());

        assertRefused(r, 413, 1413, "more than 32 parts", "redeem.http.max-form-fields");
    }

    /** Finding 11: 'details' and 'Details' together were stored as "[one, two]". */
    @Test
    void detailsUnderTwoNamesIsRefusedNamingBoth() throws IOException {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("details", "one");
        fields.put("Details", "two");

        assertRefused(upload(fields), 400, 1400, "details: ", "2 times", "details, Details");
    }

    /** After all of the above the service still takes an upload. */
    @Test
    void aNormalUploadStillCompletes() {
        assertThat(org.uploadAndWait(series, CSV).get("uploadRedeemedCouponStatus").asText()).isEqualTo("COMPLETED");
    }

    private Http.Response upload(Map<String, String> extra) {
        Map<String, String> fields = new LinkedHashMap<>(TestOrg.BY_MOBILE_AND_CODE);
        fields.putAll(extra);
        return org.api.upload(series, "redemptions.csv", CSV.getBytes(StandardCharsets.UTF_8), fields);
    }

    private static byte[] fields(Map<String, String> fields) {
        StringBuilder out = new StringBuilder();
        fields.forEach((name, value) -> out.append("--").append(BOUNDARY).append("\r\nContent-Disposition: form-data; name=\"")
                .append(name).append("\"\r\n\r\n").append(value).append("\r\n"));
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void assertRefused(Http.Response r, int status, int code, String... mentions) throws IOException {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.json().get("success").asBoolean(true)).isFalse();
        assertThat(r.errorCode()).as(r.body()).isEqualTo(code);
        assertThat(r.errorMessage()).contains(mentions);
        assertThat(org.api.get("/coupon/api/v1/upload/getUploadRedeemedCouponStatus/" + series).result()
                .get("redeemUploadJobStatuses").findValuesAsText("uploadRedeemedCouponStatus")).doesNotContain("QUEUED");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(filesIn(uploadDirectory())).isSubsetOf(uploadsBefore));
    }
}
