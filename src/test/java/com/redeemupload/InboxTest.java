package com.redeemupload;

import com.fasterxml.jackson.databind.JsonNode;
import com.redeemupload.support.ServiceTest;
import com.redeemupload.support.TestEnvironment;
import com.redeemupload.support.TestOrg;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The inbox folder (contract 5): files become jobs, move out of the way, and their results land in the outbox. */
class InboxTest extends ServiceTest {

    private TestOrg org;
    private long series;
    private long t;

    @BeforeEach
    void registry() {
        if (org != null) {
            return;
        }
        org = newOrg();
        series = org.series("\"anyUser\": true, \"redemptionPerCouponMaxLimit\": -1, \"sameUserMultipleRedeem\": true");
        org.customers("[{\"mobile\": \"919800000001\", \"email\": \"asha@example.com\"}]");
        org.coupons(series, "[{\"couponCode\": \"IN1\"}]");
        t = TestOrg.now();
    }

    @Test
    void droppedFileBecomesACompletedJobWithItsResultsInTheOutbox() throws Exception {
        String csv = "mobile,couponCode,redeemedDateInMillis,redeemedAt\n919800000001,IN1," + t + ",3\n919800000009,IN1," + t + ",3\n";
        drop("plain.csv", csv);

        JsonNode job = awaitJobOf("plain");

        assertThat(job.get("source").asText()).isEqualTo("INBOX");
        assertThat(job.get("customerIdentifier").asText()).isEqualTo("MOBILE");
        assertThat(job.get("couponIdentifier").asText()).isEqualTo("COUPON_CODE");
        assertThat(job.get("totalUploadedCount").asLong()).isEqualTo(1);
        assertThat(job.get("errorCount").asLong()).isEqualTo(1);
        long jobId = job.get("jobId").asLong();
        assertThat(seriesFolder().resolve(".done/plain.job-" + jobId + ".csv")).hasContent(csv);
        assertThat(seriesFolder().resolve("plain.csv")).doesNotExist();
        String base = job.get("fileName").asText().replace(".csv", "");
        Path outbox = TestEnvironment.outbox().resolve(org.orgId + "/" + series);
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(outbox.resolve(base + "_error.csv")));
        assertThat(outbox.resolve(base + "_success.csv")).hasContent(org.file(jobId, "success"));
        assertThat(outbox.resolve(base + "_error.csv")).hasContent(org.file(jobId, "error"));
    }

    /**
     * The outbox files are written after the commit that ended the job: an instance that dies in between leaves the
     * job marked as not handed on, and the job is handed on again (any instance, after redeem.jobs.redeliver-after-ms).
     */
    @Test
    void resultsLostToACrashAfterTheJobEndedReachTheOutboxAgain() throws Exception {
        String csv = "mobile,couponCode,redeemedDateInMillis,redeemedAt\n919800000001,IN1," + t + ",4\n";
        drop("again.csv", csv);
        JsonNode job = awaitJobOf("again");
        long jobId = job.get("jobId").asLong();
        Path success = TestEnvironment.outbox().resolve(org.orgId + "/" + series).resolve(
                job.get("fileName").asText().replace(".csv", "") + "_success.csv");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(success) && undeliveredSince(jobId) == null);

        // as if the instance had died after the commit, before writing to the outbox, a while ago
        Files.delete(success);
        markUndeliveredAnHourAgo(jobId);

        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(success) && undeliveredSince(jobId) == null);
        assertThat(success).hasContent(org.file(jobId, "success"));
        assertThat(eventsOf(jobId)).as("the job's event, sent when it ended and again").isEqualTo(2);
    }

    /**
     * An instance that dies after making a file's job, before moving the file away, leaves it in the inbox. Read
     * again, it is that job, not a second one: this series allows a coupon any number of redemptions, so a second job
     * would store every row twice.
     */
    @Test
    void fileReadAgainAfterItsJobWasMadeIsThatJobNotASecondOne() throws Exception {
        String csv = "mobile,couponCode,redeemedDateInMillis,redeemedAt\n919800000001,IN1," + t + ",5\n";
        drop("twice.csv", csv);
        long jobId = awaitJobOf("twice").get("jobId").asLong();
        Path done = seriesFolder().resolve(".done/twice.job-" + jobId + ".csv");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(done));

        // as if it had never been moved: the same file (same size, same time) where it was
        Files.move(done, seriesFolder().resolve("twice.csv"));
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(done) && !Files.exists(seriesFolder().resolve("twice.csv")));
        assertThat(jobsOfSeries().stream().filter(j -> j.get("fileName").asText().startsWith("twice_"))).hasSize(1);

        // the same name with other content is another file: another job
        drop("twice.csv", csv + "919800000001,IN1," + t + ",6\n");
        await().atMost(Duration.ofSeconds(20)).until(() -> jobsOfSeries().stream()
                .filter(j -> j.get("fileName").asText().startsWith("twice_"))
                .filter(j -> j.get("uploadRedeemedCouponStatus").asText().equals("COMPLETED")).count() == 2);
    }

    @Test
    void headerNamesMatchWithoutRegardToCaseAndChooseTheIdentifiers() throws Exception {
        drop("by-email.csv", "EMAIL,CouponCode,REDEEMEDDATEINMILLIS,redeemedat\nASHA@example.com,IN1," + t + ",3\n");

        JsonNode job = awaitJobOf("by-email");

        assertThat(job.get("customerIdentifier").asText()).isEqualTo("EMAIL");
        assertThat(job.get("totalUploadedCount").asLong()).isEqualTo(1);
    }

    @Test
    void sidecarGivesTheSettingsEvenWhenItArrivesJustAfterTheFile() throws Exception {
        drop("headless.csv", "IN1,x," + t + ",3,919800000001\n");
        drop("headless.csv.json", "{\"customerIdentifier\": \"MOBILE\", \"couponIdentifier\": \"COUPON_CODE\", \"hasHeaderRow\": false, "
                + "\"uploadHeaders\": {\"couponCode\": 0, \"redeemedDateInMillis\": 2, \"redeemedAt\": 3, \"mobile\": 4}, \"details\": \"pos 3\"}");

        JsonNode job = awaitJobOf("headless");

        assertThat(job.get("totalUploadedCount").asLong()).isEqualTo(1);
        assertThat(job.get("details").asText()).isEqualTo("pos 3");
        long jobId = job.get("jobId").asLong();
        assertThat(seriesFolder().resolve(".done/headless.job-" + jobId + ".csv.json")).exists();
        assertThat(seriesFolder().resolve("headless.csv.json")).doesNotExist();
    }

    @Test
    void fileThatCannotBecomeAJobGoesToFailedWithAReason() throws Exception {
        Path unknownSeries = TestEnvironment.inbox().resolve(org.orgId + "/999999999/lost.csv");
        Files.createDirectories(unknownSeries.getParent());
        Files.writeString(unknownSeries, "mobile,couponCode,redeemedDateInMillis,redeemedAt\n1,2,3,4\n");
        drop("bad-sidecar.csv", "mobile,couponCode,redeemedDateInMillis,redeemedAt\n919800000001,IN1," + t + ",3\n");
        drop("bad-sidecar.csv.json", "{not json");
        drop("no-coupon.csv", "mobile,redeemedDateInMillis,redeemedAt\n919800000001," + t + ",3\n");

        assertThat(reasonFor(unknownSeries)).contains("has no coupon series 999999999");
        assertThat(TestEnvironment.outbox().resolve(org.orgId + "/999999999/lost.csv.reason.txt"))
                .content().contains("has no coupon series 999999999");
        assertThat(reasonFor(seriesFolder().resolve("bad-sidecar.csv"))).contains("bad-sidecar.csv.json is not valid JSON");
        assertThat(reasonFor(seriesFolder().resolve("no-coupon.csv"))).contains("couponCode or couponId");
        assertThat(seriesFolder().resolve(".failed/bad-sidecar.csv.json")).exists();
        assertThat(jobsOfSeries()).noneMatch(j -> j.get("fileName").asText().startsWith("no-coupon"));
    }

    @Test
    void fileStillBeingWrittenIsPickedUpOnceAndComplete() throws Exception {
        Path file = seriesFolder().resolve("slow.csv");
        Files.createDirectories(file.getParent());
        int rows = 60;
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write("mobile,couponCode,redeemedDateInMillis,redeemedAt\n".getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < rows; i++) {
                out.write(("919800000001,IN1," + t + ",3\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                Thread.sleep(40);   // a slow copy: the file keeps changing for about 2.4 s, longer than the settle time
            }
        }

        JsonNode job = awaitJobOf("slow");

        assertThat(job.get("actualRowCount").asLong()).isEqualTo(rows);
        assertThat(job.get("totalUploadedCount").asLong()).isEqualTo(rows);
        assertThat(jobsOfSeries()).filteredOn(j -> j.get("fileName").asText().startsWith("slow_")).hasSize(1);
    }

    private Path seriesFolder() {
        return TestEnvironment.inbox().resolve(org.orgId + "/" + series);
    }

    private void drop(String name, String content) throws IOException {
        Path file = seriesFolder().resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private String reasonFor(Path csv) {
        Path reason = csv.resolveSibling(".failed").resolve(csv.getFileName() + ".reason.txt");
        await().atMost(Duration.ofSeconds(15)).until(() -> Files.exists(reason));
        assertThat(csv.resolveSibling(".failed").resolve(csv.getFileName())).exists();
        assertThat(csv).doesNotExist();
        try {
            return Files.readString(reason);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private List<JsonNode> jobsOfSeries() {
        JsonNode jobs = org.api.get("/coupon/api/v1/upload/getUploadRedeemedCouponStatus/" + series).result().get("redeemUploadJobStatuses");
        return Stream.iterate(0, i -> i < jobs.size(), i -> i + 1).map(jobs::get).toList();
    }

    private JsonNode awaitJobOf(String name) {
        await().atMost(Duration.ofSeconds(20)).until(() -> jobsOfSeries().stream()
                .anyMatch(j -> j.get("fileName").asText().startsWith(name + "_")
                        && List.of("COMPLETED", "FAILED").contains(j.get("uploadRedeemedCouponStatus").asText())));
        return jobsOfSeries().stream().filter(j -> j.get("fileName").asText().startsWith(name + "_")).findFirst().orElseThrow();
    }
}
