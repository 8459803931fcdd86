package com.redeemupload;

import com.fasterxml.jackson.databind.JsonNode;
import com.redeemupload.support.SeriesLocks;
import com.redeemupload.support.ServiceTest;
import com.redeemupload.support.TestOrg;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code processedCount} while a job is PROCESSING (contract 2.2): the rows handled so far, never behind them. */
class JobProgressTest extends ServiceTest {

    @Test
    void aJobWaitingForItsSeriesShowsEveryRowOfItsFileRead() throws Exception {
        TestOrg org = newOrg();
        long series = org.series("\"anyUser\": true");
        org.customers("[{\"mobile\": \"919830000001\"}]");
        org.coupons(series, "[{\"couponCode\": \"P1\"}, {\"couponCode\": \"P2\"}]");
        long t = TestOrg.now();
        String csv = "mobile,couponCode,redeemedDateInMillis,redeemedAt\n919830000001,P1," + t + ",1\n"
                + "919830000001,P2," + t + ",1\nnot-a-mobile,P2," + t + ",1\n";
        long job;
        JsonNode waiting;
        // another job of the series holds it (as one storing a big file would): this one has read its file, and waits
        try (SeriesLocks locks = SeriesLocks.hold(dataSource(), List.of(series))) {
            job = TestOrg.jobIdOf(org.upload(series, csv, Map.of()));
            await().atMost(Duration.ofSeconds(30)).until(() -> SeriesLocks.jobsWaiting(dataSource(), List.of(series)) == 1);
            waiting = org.job(job);
        }
        assertThat(waiting.get("uploadRedeemedCouponStatus").asText()).isEqualTo("PROCESSING");
        assertThat(waiting.get("processedCount").asLong()).isEqualTo(3);
        JsonNode completed = org.waitForEnd(job);
        assertThat(completed.get("uploadRedeemedCouponStatus").asText()).isEqualTo("COMPLETED");
        assertThat(completed.get("processedCount").asLong()).isEqualTo(3);
    }
}
