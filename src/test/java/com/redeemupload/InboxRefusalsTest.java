package com.redeemupload;

import com.fasterxml.jackson.databind.JsonNode;
import com.redeemupload.support.ServiceTest;
import com.redeemupload.support.TestEnvironment;
import com.redeemupload.support.TestOrg;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the inbox refuses (contract 6): it reads regular files only, never through a symbolic link, and a file it
 * cannot take goes to .failed with a reason, once, rather than being tried at every poll.
 */
class InboxRefusalsTest extends ServiceTest {

    private static final String HEADER = "mobile,couponCode,redeemedDateInMillis,redeemedAt\n";

    private final List<String> skipped = new CopyOnWriteArrayList<>();
    private final List<Path> leftInTheInbox = new CopyOnWriteArrayList<>();
    private final AbstractAppender skips = new AbstractAppender("inbox-skips", null, null, true, Property.EMPTY_ARRAY) {
        @Override
        public void append(LogEvent event) {
            skipped.add(event.getMessage().getFormattedMessage());
        }
    };

    private TestOrg org;
    private long t;
    private Path outside;

    @BeforeAll
    void watchSkips() {
        skips.start();
        ((Logger) LogManager.getLogger("com.redeemupload.intake.InboxEntries")).addAppender(skips);
    }

    @AfterAll
    void stopWatchingSkips() {
        ((Logger) LogManager.getLogger("com.redeemupload.intake.InboxEntries")).removeAppender(skips);
    }

    /** What the service leaves in the inbox on purpose goes, so the test classes after this one do not meet it. */
    @AfterAll
    void removeWhatIsLeftInTheInbox() throws IOException {
        for (Path entry : leftInTheInbox) {
            Files.deleteIfExists(entry);   // a link itself, or an empty folder
        }
    }

    @BeforeEach
    void registry() throws IOException {
        outside = Files.createTempDirectory("outside-the-inbox-");
        if (org != null) {
            return;
        }
        org = newOrg();
        org.customers("[{\"mobile\": \"919800000001\"}]");
        t = TestOrg.now();
    }

    /** A link to another org's stored upload becomes no job: the link itself goes to .failed, never read. */
    @Test
    void linkToAFileIsMovedToFailedAsALinkAndNeverRead() throws Exception {
        TestOrg other = newOrg();
        other.customers("[{\"mobile\": \"919800000777\"}]");
        long otherSeries = seriesWithCoupon(other, "OTHER1");
        long otherJob = other.uploadAndWait(otherSeries, HEADER + "919800000777,OTHER1," + t + ",1\n").get("jobId").asLong();
        Path theirUpload = Path.of(System.getProperty("redeem.files.dir"), Long.toString(other.orgId), Long.toString(otherJob), "uploaded.csv");
        String theirs = Files.readString(theirUpload);
        long series = seriesWithCoupon(org, "L1");
        Path link = folder(series).resolve("steal.csv");
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, theirUpload);
        Path dangling = Files.createSymbolicLink(folder(series).resolve("gone.csv"), outside.resolve("nothing-here.csv"));

        assertThat(reasonFor(link)).contains("symbolic link");
        assertThat(reasonFor(dangling)).contains("symbolic link");
        assertThat(folder(series).resolve(".failed/steal.csv")).isSymbolicLink();
        assertThat(Files.readSymbolicLink(folder(series).resolve(".failed/steal.csv"))).isEqualTo(theirUpload);
        assertThat(theirUpload).hasContent(theirs);
        assertThat(TestEnvironment.outbox().resolve(org.orgId + "/" + series + "/steal.csv.reason.txt")).content().contains("symbolic link");
        assertThat(jobsOf(org, series)).isEmpty();
    }

    /**
     * Links to folders, at the org level, at the series level (outside the inbox, and to another org's folder inside
     * it): never entered, nothing read or made through them, each reported once however many polls pass.
     */
    @Test
    void linksToFoldersAreNeverEnteredAndReportedOnce() throws Exception {
        long series = seriesWithCoupon(org, "D1");
        // outside the inbox, a folder laid out as a series folder, with a file that would be a good job
        Path outsideSeries = Files.createDirectories(outside.resolve("series"));
        Files.writeString(outsideSeries.resolve("outside.csv"), HEADER + "919800000001,D1," + t + ",1\n");
        Files.createDirectories(folder(series).getParent());
        Path seriesLink = Files.createSymbolicLink(folder(series), outsideSeries);
        // an org of its own whose whole folder is a link
        TestOrg linked = newOrg();
        long linkedSeries = linked.series("\"anyUser\": true");
        Files.createDirectories(outside.resolve("org/" + linkedSeries));
        Files.writeString(outside.resolve("org/" + linkedSeries + "/org-level.csv"), HEADER + "919800000001,D1," + t + ",1\n");
        Path orgLink = Files.createSymbolicLink(TestEnvironment.inbox().resolve(Long.toString(linked.orgId)), outside.resolve("org"));
        // a series folder of this org that is a link to another org's series folder, inside the inbox
        TestOrg victim = newOrg();
        long victimSeries = seriesWithCoupon(victim, "V1");
        long mySecondSeries = seriesWithCoupon(org, "D2");
        Path victimFolder = Files.createDirectories(TestEnvironment.inbox().resolve(victim.orgId + "/" + victimSeries));
        Path middleLink = Files.createSymbolicLink(folder(mySecondSeries), victimFolder);
        leftInTheInbox.addAll(List.of(seriesLink, orgLink, middleLink));

        // a good file dropped after them: once it is a job, the polls that saw the links have passed
        long witnessSeries = seriesWithCoupon(org, "W1");
        drop(witnessSeries, "witness.csv", HEADER + "919800000001,W1," + t + ",1\n");
        Files.writeString(victimFolder.resolve("victims.csv"), HEADER + "919800000001,V1," + t + ",1\n");
        await().atMost(Duration.ofSeconds(20)).until(() -> ended(jobsOf(org, witnessSeries)) && ended(jobsOf(victim, victimSeries)));
        JsonNode witness = jobsOf(org, witnessSeries).get(0);   // and some polls more, each meeting the links again
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(folder(witnessSeries).resolve(".done/witness.job-" + witness.get("jobId").asLong() + ".csv")));

        try (Stream<Path> everything = Files.walk(outside)) {
            assertThat(everything.map(p -> outside.relativize(p).toString())).containsExactlyInAnyOrder(
                    "", "series", "series/outside.csv", "org", "org/" + linkedSeries, "org/" + linkedSeries + "/org-level.csv");
        }
        assertThat(jobsOf(org, series)).isEmpty();
        assertThat(jobsOf(linked, linkedSeries)).isEmpty();
        assertThat(jobsOf(org, mySecondSeries)).as("the other org's file is not this org's job").isEmpty();
        assertThat(jobsOf(victim, victimSeries)).hasSize(1);
        for (Path link : List.of(seriesLink, orgLink, middleLink)) {
            assertThat(link).isSymbolicLink();
            assertThat(skipped).as("reported once: " + skipped).filteredOn(m -> m.contains(link.toString())).hasSize(1)
                    .allMatch(m -> m.contains("symbolic link to a folder"));
        }
    }

    /** A .failed (or .done) that is a link would take the file outside the inbox: the file is left, reported once. */
    @Test
    void fileWhoseFailedFolderIsALinkStaysWhereItIs() throws Exception {
        long series = seriesWithCoupon(org, "F1");
        Path target = Files.createDirectories(outside.resolve("failed-target"));
        Files.createDirectories(folder(series));
        Files.createSymbolicLink(folder(series).resolve(".failed"), target);
        Path bad = drop(series, "no-coupon.csv", "mobile,redeemedDateInMillis\n919800000001," + t + "\n");
        leftInTheInbox.addAll(List.of(bad, folder(series).resolve(".failed")));
        long witnessSeries = seriesWithCoupon(org, "W2");
        drop(witnessSeries, "witness2.csv", HEADER + "919800000001,W2," + t + ",1\n");
        await().atMost(Duration.ofSeconds(20)).until(() -> ended(jobsOf(org, witnessSeries))
                && skipped.stream().anyMatch(m -> m.contains(bad.toString())));

        try (Stream<Path> list = Files.list(target)) {
            assertThat(list).isEmpty();
        }
        assertThat(bad).exists();
        assertThat(skipped).filteredOn(m -> m.contains(bad.toString())).hasSize(1)
                .allMatch(m -> m.contains(".failed") && m.contains("is a symbolic link"));
    }

    @Test
    void badSidecarsAndNamesGoToFailedWithTheirReason() throws Exception {
        long series = seriesWithCoupon(org, "S1");
        String csv = HEADER + "919800000001,S1," + t + ",1\n";
        sidecar(series, "latin1.csv.json", "{\"details\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1));
        Files.createDirectories(folder(series).resolve("folder.csv.json"));
        sidecar(series, "huge.csv.json", ("{\"details\": \"" + "x".repeat(70_000) + "\"}").getBytes(StandardCharsets.UTF_8));
        sidecar(series, "twice.csv.json", "{\"details\": \"a\", \"details\": \"b\"}".getBytes(StandardCharsets.UTF_8));
        sidecar(series, "trailing.csv.json", "{\"details\": \"a\"} {\"details\": \"b\"}".getBytes(StandardCharsets.UTF_8));
        Path linkedSidecar = Files.writeString(outside.resolve("sidecar.json"), "{}");
        Files.createSymbolicLink(folder(series).resolve("linked.csv.json"), linkedSidecar);
        for (String name : List.of("latin1", "folder", "huge", "twice", "trailing", "linked", "two\nlines", "tab\there")) {
            drop(series, name + ".csv", csv);
        }

        assertThat(reasonFor(folder(series).resolve("latin1.csv"))).contains("latin1.csv.json is not UTF-8");
        assertThat(reasonFor(folder(series).resolve("folder.csv"))).contains("folder.csv.json is a folder");
        assertThat(folder(series).resolve(".failed/folder.csv.json")).isDirectory();
        assertThat(reasonFor(folder(series).resolve("huge.csv"))).contains("huge.csv.json is", "bytes, over the limit of 65536");
        assertThat(reasonFor(folder(series).resolve("twice.csv"))).contains("twice.csv.json is not valid JSON", "Duplicate field 'details'");
        assertThat(reasonFor(folder(series).resolve("trailing.csv"))).contains("trailing.csv.json is not valid JSON", "Trailing token");
        assertThat(reasonFor(folder(series).resolve("linked.csv"))).contains("linked.csv.json is a symbolic link");
        assertThat(folder(series).resolve(".failed/linked.csv.json")).isSymbolicLink();
        assertThat(reasonFor(folder(series).resolve("two\nlines.csv"))).contains("control character", "two\\u000alines.csv");
        assertThat(reasonFor(folder(series).resolve("tab\there.csv"))).contains("control character");
        assertThat(linkedSidecar).hasContent("{}");
        assertThat(jobsOf(org, series)).isEmpty();
    }

    /** A name Java cannot decode cannot be moved by it either: left where it is, reported once. */
    @Test
    void fileWhoseNameIsNotValidInTheFileSystemsEncodingIsReportedOnce() throws Exception {
        long series = seriesWithCoupon(org, "E1");
        Files.createDirectories(folder(series));
        Process touch = new ProcessBuilder("sh", "-c", "touch \"$(printf 'bad\\377name.csv')\"").directory(folder(series).toFile()).start();
        assertThat(touch.waitFor()).isZero();
        long witnessSeries = seriesWithCoupon(org, "W3");
        drop(witnessSeries, "witness3.csv", HEADER + "919800000001,W3," + t + ",1\n");
        await().atMost(Duration.ofSeconds(20)).until(() -> ended(jobsOf(org, witnessSeries))
                && skipped.stream().anyMatch(m -> m.contains("not valid in the file system's encoding")));
        JsonNode witness = jobsOf(org, witnessSeries).get(0);   // and some polls more
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(folder(witnessSeries).resolve(".done/witness3.job-" + witness.get("jobId").asLong() + ".csv")));

        assertThat(skipped).filteredOn(m -> m.contains("not valid in the file system's encoding")).hasSize(1);
        assertThat(jobsOf(org, series)).isEmpty();
        new ProcessBuilder("sh", "-c", "rm -- \"$(printf 'bad\\377name.csv')\"").directory(folder(series).toFile()).start().waitFor();
    }

    private long seriesWithCoupon(TestOrg owner, String code) {
        long series = owner.series("\"anyUser\": true");
        owner.coupons(series, "[{\"couponCode\": \"" + code + "\"}]");
        return series;
    }

    private Path folder(long series) {
        return TestEnvironment.inbox().resolve(org.orgId + "/" + series);
    }

    private Path drop(long series, String name, String content) throws IOException {
        Path file = folder(series).resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    private void sidecar(long series, String name, byte[] content) throws IOException {
        Files.createDirectories(folder(series));
        Files.write(folder(series).resolve(name), content);
    }

    /** The reason of a file refused: it is in .failed (so it was not left to be tried again), the reason beside it. */
    private String reasonFor(Path file) {
        Path failed = file.resolveSibling(".failed").resolve(file.getFileName());
        Path reason = failed.resolveSibling(file.getFileName() + ".reason.txt");
        await().atMost(Duration.ofSeconds(15)).until(() -> Files.exists(reason) && Files.exists(failed, java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertThat(Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)).as(file + " left").isFalse();
        try {
            return Files.readString(reason);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static boolean ended(List<JsonNode> jobs) {
        return !jobs.isEmpty() && jobs.stream().allMatch(j -> List.of("COMPLETED", "FAILED").contains(j.get("uploadRedeemedCouponStatus").asText()));
    }

    private static List<JsonNode> jobsOf(TestOrg owner, long series) {
        JsonNode jobs = owner.api.get("/coupon/api/v1/upload/getUploadRedeemedCouponStatus/" + series).result().get("redeemUploadJobStatuses");
        return Stream.iterate(0, i -> i < jobs.size(), i -> i + 1).map(jobs::get).toList();
    }
}
