package com.redeemupload;

import com.redeemupload.support.Http;
import com.redeemupload.support.ServiceTest;
import com.redeemupload.support.TestEnvironment;
import com.redeemupload.support.TestOrg;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The registry API's JSON bodies are read as they arrive and strictly: item count, field lengths, unknown fields,
 * duplicate keys and trailing content are refused in the envelope, naming the item and field, and nothing of a
 * refused batch is stored.
 */
class RegistryApiLimitsTest extends ServiceTest {

    private static final String CUSTOMERS = "/coupon/api/v1/customers";
    private static final int MAX_BATCH = 100_000;   // redeem.registry.max-batch's default

    private TestOrg org;
    private long series;

    @BeforeEach
    void setUp() {
        if (org != null) {
            return;
        }
        org = newOrg();
        series = org.series("");
    }

    /** Issue 14, finding 2: 10 million {} (30 MB) became a tree before the batch was counted, and the JVM ran out of heap. */
    @Test
    void tenMillionEmptyObjectsAreRefusedAtTheFirst() throws Exception {
        Http.Response r = postStreamed(CUSTOMERS, "[", 10_000_000, "{},", "{}]");
        assertRefused(r, 400, 1400, "customers[0]: give at least one of mobile, email, externalId, userId");
        assertThat(customersOf(org.orgId)).isZero();
    }

    @Test
    void theItemAfterTheBatchLimitAnswers413AndStoresNothing() throws Exception {
        // ten batches' worth of valid customers (29 MB): refused at item 100,000, before any is stored
        Http.Response r = postStreamed(CUSTOMERS, "{\"customers\": [", 10 * MAX_BATCH, "{\"mobile\": \"919800000001\"},", "]}");
        assertRefused(r, 413, 1413, "customers: more than 100000 items; at most 100000 per call "
                + "(redeem.registry.max-batch), send the rest in more calls");
        assertThat(customersOf(org.orgId)).isZero();
    }

    @Test
    void aFullBatchIsTaken() throws Exception {
        TestOrg other = newOrg();
        Http.Response r = postStreamed(other.api, CUSTOMERS, "[", MAX_BATCH - 1, "{\"email\": \"c@example.com\"},",
                "{\"email\": \"d@example.com\"}]");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.result().get("created").asLong()).isEqualTo(2);
        assertThat(r.result().get("existing").asLong()).isEqualTo(MAX_BATCH - 2);
    }

    /** The quickstart's bodies use only fields the strict reading takes. */
    @Test
    void theReadmeSamplesAreAccepted() throws Exception {
        TestOrg other = newOrg();
        long otherSeries = other.series("");
        assertThat(other.customers(Files.readString(Path.of("samples/customers.json"))).get("created").asLong()).isEqualTo(5);
        assertThat(other.coupons(otherSeries, Files.readString(Path.of("samples/coupons.json"))).get("created").asLong())
                .isPositive();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // unknown fields, named with the accepted ones
            "/customers | [{\"mobile\": \"919800000001\", \"phone\": \"1\"}] | customers[0].phone: unknown field; the fields are userId, mobile, email, externalId, name",
            "/series/{series}/coupons | [{\"couponCode\": \"A\", \"issuedTo\": {\"mobile\": \"919800000001\", \"id\": 1}}] | coupons[0].issuedTo.id: unknown field; the fields are mobile, email, externalId, userId",
            "/series | {\"name\": \"S\", \"maxRedemptions\": 2} | maxRedemptions: unknown field; the fields are name, anyUser, sameUserMultipleRedeem, redemptionPerCouponMaxLimit, maxRedemptionsInSeriesPerUser, validTill",
            "/customers | {\"customers\": [], \"coupons\": []} | the body: unknown field 'coupons'; the only field is 'customers'",
            // wrong types, named
            "/customers | [{\"mobile\": [\"919800000001\"]}] | customers[0].mobile: must be a string, number or true/false; got an array",
            "/customers | [{\"mobile\": \"919800000001\"}, {\"mobile\": true}] | customers[1].mobile: must be a string; got true",
            "/customers | [{\"mobile\": \"919800000001\", \"userId\": \"twelve\"}] | customers[0].userId: must be a whole number; got \"twelve\"",
            "/series | {\"name\": \"S\", \"anyUser\": \"yes\"} | anyUser: must be true or false; got \"yes\"",
            "/series/{series}/coupons | [{\"couponCode\": \"A\", \"issuedTo\": \"919800000001\"}] | coupons[0].issuedTo: must be an object such as {\"mobile\": \"919800000001\"}",
            "/customers | [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]] | customers[0]: must be a JSON object with the fields userId, mobile, email, externalId, name; got an array",
            // lengths: 255 for every text, 200 for names
            "/customers | [{\"email\": \"{256}@example.com\"}] | customers[0].email: at most 255 characters; got 268",
            "/customers | [{\"mobile\": \"919800000001\", \"name\": \"{201}\"}] | customers[0].name: at most 200 characters; got 201",
            "/series/{series}/coupons | [{\"couponCode\": \"{256}\"}] | coupons[0].couponCode: at most 255 characters; got 256",
            "/series/{series}/redemptions/import | [{\"couponCode\": \"A\", \"customer\": {\"mobile\": \"919800000001\"}, \"redeemedDateInMillis\": 1, \"details\": \"{256}\"}] | redemptions[0].details: at most 255 characters; got 256",
            "/series | {\"name\": \"{201}\"} | name: at most 200 characters; got 201",
    })
    void refusalNamesTheItemAndField(String path, String body, String message) {
        Http.Response r = org.api.postJson("/coupon/api/v1" + path.replace("{series}", Long.toString(series)), expand(body));
        assertRefused(r, 400, 1400, message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "[{\"mobile\": \"919800000001\"}] x | the body has more after its JSON value (line 1, column 30); send one JSON value",
            "[{\"mobile\": \"919800000001\"}]]  | the body has more after its JSON value (line 1, column 29); send one JSON value",
            "[] {\"customers\": []}             | the body has more after its JSON value (line 1, column 4); send one JSON value",
            "[{\"mobile\": \"919800000001\", \"mobile\": \"919800000002\"}] | customers[0]: Duplicate field 'mobile' (line 1, column 37)",
    })
    void trailingContentAndDuplicateKeysAreRefused(String body, String message) throws SQLException {
        assertRefused(org.api.postJson(CUSTOMERS, body), 400, 1400, message);
        assertThat(customersOf(org.orgId)).isZero();
    }

    @Test
    void orgNamesAreBounded() {
        Http admin = new Http(TestEnvironment.ADMIN_TOKEN);
        assertRefused(admin.postJson("/coupon/api/v1/admin/orgs", "{\"name\": \"" + "n".repeat(201) + "\"}"), 400, 1400,
                "name: at most 200 characters; got 201");
        // 10 MB was accepted, then carried in every answer: now refused while it arrives
        assertRefused(admin.postJson("/coupon/api/v1/admin/orgs", "{\"name\": \"" + "n".repeat(10_000_000) + "\"}"), 400, 1400,
                "name: longer than 10000 characters; no field takes more than 255");
        assertRefused(admin.postJson("/coupon/api/v1/admin/orgs", "{\"name\": \"Acme\", \"name\": \"Other\"}"), 400, 1400,
                "the body: Duplicate field 'name' (line 1, column 24)");
        Http.Response ok = admin.postJson("/coupon/api/v1/admin/orgs", "{\"name\": \"" + "n".repeat(200) + "\"}");
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(ok.result().get("name").asText()).hasSize(200);
    }

    private static String expand(String body) {
        return body.replace("{256}", "x".repeat(256)).replace("{201}", "x".repeat(201));
    }

    private static void assertRefused(Http.Response r, int status, int code, String message) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.json().get("success").asBoolean()).isFalse();
        assertThat(r.json().get("status").asInt()).isEqualTo(status);
        assertThat(r.errorCode()).isEqualTo(code);
        assertThat(r.errorMessage()).isEqualTo(message);
    }

    private Http.Response postStreamed(String path, String head, long count, String item, String tail) throws Exception {
        return postStreamed(org.api, path, head, count, item, tail);
    }

    /** POSTs head, count times item, then tail, made as it is sent: the test's heap never holds the body. */
    private static Http.Response postStreamed(Http api, String path, String head, long count, String item, String tail)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(TestEnvironment.baseUrl() + path))
                .header("Authorization", "Bearer " + api.apiKey())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new SequenceInputStream(new SequenceInputStream(
                        text(head), new Repeated(item.getBytes(StandardCharsets.UTF_8), count)), text(tail))))
                .build();
        HttpResponse<String> r = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        return new Http.Response(r.statusCode(), r.body(), r);
    }

    private static InputStream text(String s) {
        return new java.io.ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    /** From the database itself: camel-test-main hands parameterized tests a context of their own, closed after them. */
    private static long customersOf(long orgId) throws SQLException {
        try (Connection c = DriverManager.getConnection(TestEnvironment.jdbcUrl());
             PreparedStatement st = c.prepareStatement("select count(*) from customer where org_id = ?")) {
            st.setLong(1, orgId);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** {@code count} times the same bytes, made as they are read. */
    private static final class Repeated extends InputStream {
        private final byte[] item;
        private final long total;
        private long position;

        Repeated(byte[] item, long count) {
            this.item = item;
            this.total = item.length * count;
        }

        @Override
        public int read() {
            return position < total ? item[(int) (position++ % item.length)] : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (position >= total) {
                return -1;
            }
            int n = (int) Math.min(len, total - position);
            for (int i = 0; i < n; i++) {
                b[off + i] = item[(int) (position++ % item.length)];
            }
            return n;
        }
    }
}
