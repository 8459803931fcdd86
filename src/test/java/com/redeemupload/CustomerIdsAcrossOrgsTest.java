package com.redeemupload;

import com.fasterxml.jackson.databind.JsonNode;
import com.redeemupload.support.Http;
import com.redeemupload.support.ServiceTest;
import com.redeemupload.support.TestOrg;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 14, finding 3: a customer's userId belongs to its org; no org can take, exhaust or learn another's. */
class CustomerIdsAcrossOrgsTest extends ServiceTest {

    private static final String CUSTOMERS = "/coupon/api/v1/customers";
    private static final long LARGEST = Long.MAX_VALUE;

    @Test
    void theLargestUserIdExhaustsOnlyItsOwnOrg() {
        TestOrg a = newOrg();
        TestOrg b = newOrg();
        assertThat(a.customers("[{\"userId\": " + LARGEST + ", \"mobile\": \"919811000001\"}]").get("created").asInt()).isEqualTo(1);

        JsonNode other = b.customers("[{\"mobile\": \"919811000002\"}, {\"mobile\": \"919811000003\"}]");
        assertThat(other.get("created").asInt()).isEqualTo(2);
        assertThat(other.get("existing").asInt()).isZero();

        Http.Response none = a.api.postJson(CUSTOMERS, "[{\"mobile\": \"919811000004\"}]");
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.errorCode()).isEqualTo(1400);
        assertThat(none.errorMessage()).contains("userId", Long.toString(LARGEST), "give each new customer a userId");
        // a userId given is still taken, and the largest one names its customer
        assertThat(a.customers("[{\"userId\": 5, \"mobile\": \"919811000004\"}]").get("created").asInt()).isEqualTo(1);
        long series = a.series("");
        a.coupons(series, "[{\"couponCode\": \"BIG-1\", \"issuedTo\": {\"userId\": " + LARGEST + "}}]");
        JsonNode coupon = a.api.get("/coupon/api/v1/series/" + series + "/coupons?codes=BIG-1").result().get(0);
        assertThat(coupon.get("issuedTo").asLong()).isEqualTo(LARGEST);
    }

    @Test
    void anotherOrgsUserIdIsNeitherTakenNorTold() {
        TestOrg a = newOrg();
        TestOrg b = newOrg();
        b.customers("[{\"userId\": 4242, \"mobile\": \"919812000001\"}]");

        JsonNode added = a.customers("[{\"userId\": 4242, \"mobile\": \"919812000002\"}]");
        assertThat(added.get("created").asInt()).as("created").isEqualTo(1);
        assertThat(added.get("existing").asInt()).as("existing").isZero();
        assertThat(a.customers("[{\"userId\": 4242}]").get("existing").asInt()).as("its own, again").isEqualTo(1);

        // each org's userId 4242 is its own customer: a file of org A by userId redeems A's customer
        long series = a.series("");
        a.coupons(series, "[{\"couponCode\": \"C-1\", \"issuedTo\": {\"mobile\": \"919812000002\"}}]");
        JsonNode job = a.uploadAndWait(series, "userId,couponCode,redeemedDateInMillis,redeemedAt\n4242,C-1,"
                + (System.currentTimeMillis() - 60_000) + ",1\n", Map.of("customerIdentifier", "USER_ID"));
        assertThat(job.get("uploadRedeemedCouponStatus").asText()).isEqualTo("COMPLETED");
        assertThat(job.get("totalUploadedCount").asInt()).isEqualTo(1);
        assertThat(job.get("errorCount").asInt()).isZero();
    }

    @Test
    void customersWithoutUserIdsAreNumberedAfterTheOrgsHighest() {
        TestOrg a = newOrg();
        a.customers("[{\"mobile\": \"919813000001\"}, {\"userId\": 10, \"mobile\": \"919813000002\"}, {\"mobile\": \"919813000003\"}]");
        long series = a.series("");
        a.coupons(series, "[{\"couponCode\": \"N-1\", \"issuedTo\": {\"mobile\": \"919813000001\"}},"
                + " {\"couponCode\": \"N-3\", \"issuedTo\": {\"mobile\": \"919813000003\"}}]");
        JsonNode coupons = a.api.get("/coupon/api/v1/series/" + series + "/coupons?codes=N-1,N-3").result();
        assertThat(coupons.get(0).get("issuedTo").asLong()).isEqualTo(11);
        assertThat(coupons.get(1).get("issuedTo").asLong()).isEqualTo(12);
    }

    @Test
    void theMigrationRepairsASequenceAnEarlierVersionExhausted() throws Exception {
        String v9 = new String(getClass().getResourceAsStream("/db/migration/V9__org_scoped_user_ids.sql").readAllBytes(),
                StandardCharsets.UTF_8);
        String repair = v9.substring(v9.lastIndexOf("select setval"));
        try (Connection c = dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("select setval(pg_get_serial_sequence('customer', 'user_id'), " + LARGEST + ")");   // as the old bulk add did
            st.execute(repair);
        }
        assertThat(newOrg().customers("[{\"mobile\": \"919814000001\"}]").get("created").asInt()).isEqualTo(1);
    }
}
