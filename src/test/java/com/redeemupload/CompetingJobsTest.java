package com.redeemupload;

import com.fasterxml.jackson.databind.JsonNode;
import com.redeemupload.support.ServiceTest;
import com.redeemupload.support.TestOrg;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** Two jobs of one series processed at the same time never, together, break a limit (contract 3). */
class CompetingJobsTest extends ServiceTest {

    private static final int COUPONS = 300;

    @Test
    void twoJobsRedeemingTheSameSingleUseCouponsRedeemEachExactlyOnce() throws Exception {
        TestOrg org = newOrg();
        long series = org.series("\"anyUser\": true, \"redemptionPerCouponMaxLimit\": 1");
        StringBuilder customers = new StringBuilder("[");
        StringBuilder coupons = new StringBuilder("[");
        StringBuilder fileA = new StringBuilder("mobile,couponCode,redeemedDateInMillis,redeemedAt\n");
        StringBuilder fileB = new StringBuilder("mobile,couponCode,redeemedDateInMillis,redeemedAt\n");
        long t = TestOrg.now();
        for (int i = 0; i < COUPONS; i++) {
            customers.append(i == 0 ? "" : ",").append("{\"mobile\": \"91980000").append(String.format("%04d", i))
                    .append("\"}, {\"mobile\": \"91980000").append(String.format("%04d", COUPONS + i)).append("\"}");
            coupons.append(i == 0 ? "" : ",").append("{\"couponCode\": \"SINGLE-").append(i).append("\"}");
            fileA.append("91980000").append(String.format("%04d", i)).append(",SINGLE-").append(i).append(',').append(t).append(",1\n");
            // file B takes the coupons in the opposite order, with other customers
            int j = COUPONS - 1 - i;
            fileB.append("91980000").append(String.format("%04d", COUPONS + i)).append(",SINGLE-").append(j).append(',').append(t).append(",2\n");
        }
        org.customers(customers.append("]").toString());
        org.coupons(series, coupons.append("]").toString());

        CompletableFuture<JsonNode> a = CompletableFuture.supplyAsync(() -> org.uploadAndWait(series, fileA.toString(), Map.of()));
        CompletableFuture<JsonNode> b = CompletableFuture.supplyAsync(() -> org.uploadAndWait(series, fileB.toString(), Map.of()));
        JsonNode jobA = a.get();
        JsonNode jobB = b.get();

        assertThat(jobA.get("uploadRedeemedCouponStatus").asText()).isEqualTo("COMPLETED");
        assertThat(jobB.get("uploadRedeemedCouponStatus").asText()).isEqualTo("COMPLETED");
        assertThat(jobA.get("totalUploadedCount").asLong() + jobB.get("totalUploadedCount").asLong()).isEqualTo(COUPONS);
        assertThat(jobA.get("errorCount").asLong() + jobB.get("errorCount").asLong()).isEqualTo(COUPONS);
        try (Connection c = dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("select count(*), count(distinct coupon_id), max(n) from (select coupon_id, "
                     + "count(*) over (partition by coupon_id) n from redemption where series_id = ?) r")) {
            ps.setLong(1, series);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).as("redemptions").isEqualTo(COUPONS);
                assertThat(rs.getLong(2)).as("coupons redeemed").isEqualTo(COUPONS);
                assertThat(rs.getLong(3)).as("most redemptions of one coupon").isEqualTo(1);
            }
        }
        String errorsOfTheLaterJob = org.file((jobA.get("errorCount").asLong() > 0 ? jobA : jobB).get("jobId").asLong(), "error");
        assertThat(errorsOfTheLaterJob.lines().skip(1)).allMatch(line -> line.contains(",711,"));
    }
}
