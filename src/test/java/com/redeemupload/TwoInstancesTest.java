package com.redeemupload;

import com.fasterxml.jackson.databind.JsonNode;
import com.redeemupload.support.ServiceTest;
import com.redeemupload.support.TestEnvironment;
import com.redeemupload.support.TestOrg;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances that share only the database, the inbox and the files folder (contract 6): every dropped file is
 * read once and becomes one job, and each job is processed once, whichever instance does it.
 */
class TwoInstancesTest extends ServiceTest {

    private static final int FILES = 30;

    @Test
    void twoInstancesProcessEveryDroppedFileExactlyOnce() throws Exception {
        TestOrg org = newOrg();
        long series = org.series("\"anyUser\": true, \"redemptionPerCouponMaxLimit\": 1");
        StringBuilder coupons = new StringBuilder("[");
        for (int i = 0; i < FILES; i++) {
            coupons.append(i == 0 ? "" : ",").append("{\"couponCode\": \"TWO-").append(i).append("\"}");
        }
        org.customers("[{\"mobile\": \"919800000001\"}]");
        org.coupons(series, coupons.append("]").toString());

        Main second = startAnotherInstance();
        try {
            Path folder = TestEnvironment.inbox().resolve(org.orgId + "/" + series);
            Files.createDirectories(folder);
            for (int i = 0; i < FILES; i++) {
                Path aside = folder.resolve(".drop-" + i);
                Files.writeString(aside, "mobile,couponCode,redeemedDateInMillis,redeemedAt\n919800000001,TWO-" + i + ","
                        + TestOrg.now() + ",1\n");
                Files.move(aside, folder.resolve("file-" + i + ".csv"));
            }

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(endedJobs(org, series)).as("ended jobs").isEqualTo(FILES);
                assertThat(doneFiles(folder)).as("files in .done").isEqualTo(FILES);
            });

            assertThat(doneFiles(folder)).isEqualTo(FILES);
            assertThat(folder.resolve(".failed")).doesNotExist();
            try (Stream<Path> left = Files.list(folder)) {
                assertThat(left.filter(p -> p.getFileName().toString().endsWith(".csv"))).isEmpty();
            }
            Set<String> names = new HashSet<>();
            for (JsonNode job : jobs(org, series)) {
                assertThat(job.get("uploadRedeemedCouponStatus").asText()).isEqualTo("COMPLETED");
                assertThat(job.get("totalUploadedCount").asLong()).isEqualTo(1);
                assertThat(names.add(job.get("fileName").asText().replaceFirst("_\\d+_\\d+\\.csv$", ""))).isTrue();
            }
            assertThat(names).hasSize(FILES);
            try (Connection c = dataSource().getConnection();
                 PreparedStatement ps = c.prepareStatement("select count(*), count(distinct coupon_id) from redemption where series_id = ?")) {
                ps.setLong(1, series);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertThat(rs.getLong(1)).isEqualTo(FILES);
                    assertThat(rs.getLong(2)).isEqualTo(FILES);
                }
            }
        } finally {
            second.stop();
        }
    }

    private static JsonNode jobs(TestOrg org, long series) {
        return org.api.get("/coupon/api/v1/upload/getUploadRedeemedCouponStatus/" + series + "?limit=500").result()
                .get("redeemUploadJobStatuses");
    }

    private static long endedJobs(TestOrg org, long series) {
        long ended = 0;
        for (JsonNode job : jobs(org, series)) {
            if (!job.get("uploadRedeemedCouponStatus").asText().matches("QUEUED|PROCESSING")) {
                ended++;
            }
        }
        return ended;
    }

    private static long doneFiles(Path folder) throws Exception {
        Path done = folder.resolve(".done");
        if (!Files.exists(done)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(done)) {
            return files.count();
        }
    }
}
