package com.redeemupload;

import com.redeemupload.support.SeriesLocks;
import com.redeemupload.support.ServiceTest;
import com.redeemupload.support.TestOrg;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An instance works on at most {@code redeem.jobs.workers} jobs at once: every running job holds a database
 * connection and a few chunks of memory, so more jobs than that wait their turn, QUEUED.
 */
class JobWorkersTest extends ServiceTest {

    @Test
    void aJobBeyondTheWorkersWaitsQueuedUntilOneIsFree() throws Exception {
        int workers = Integer.parseInt(context.resolvePropertyPlaceholders("{{redeem.jobs.workers}}"));
        TestOrg org = newOrg();
        List<Long> series = new ArrayList<>();
        List<String> files = new ArrayList<>();
        for (int i = 0; i <= workers; i++) {
            series.add(org.series("\"anyUser\": true"));
            files.add(registryAndFile(org, series.get(i)));
        }
        List<Long> jobs = new ArrayList<>();
        // hold the first jobs at their series lock (taken after rules 6-10), so that their workers stay busy
        try (SeriesLocks locks = SeriesLocks.hold(dataSource(), series.subList(0, workers))) {
            for (int i = 0; i < workers; i++) {
                jobs.add(TestOrg.jobIdOf(org.upload(series.get(i), files.get(i), Map.of())));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> SeriesLocks.jobsWaiting(dataSource(), series) == workers);

            long last = TestOrg.jobIdOf(org.upload(series.get(workers), files.get(workers), Map.of()));
            jobs.add(last);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                    .until(() -> org.job(last).get("uploadRedeemedCouponStatus").asText().equals("QUEUED"));
        }
        for (long job : jobs) {
            assertThat(org.waitForEnd(job).get("uploadRedeemedCouponStatus").asText()).as("job " + job).isEqualTo("COMPLETED");
        }
    }

    private static String registryAndFile(TestOrg org, long series) {
        org.customers("[{\"mobile\": \"919820000001\"}, {\"mobile\": \"919820000002\"}]");
        org.coupons(series, "[{\"couponCode\": \"W1\"}, {\"couponCode\": \"W2\"}]");
        long t = TestOrg.now();
        return "mobile,couponCode,redeemedDateInMillis,redeemedAt\n919820000001,W1," + t + ",1\n919820000002,W2," + t + ",1\n";
    }
}
