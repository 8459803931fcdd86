package com.redeemupload;

import com.fasterxml.jackson.databind.JsonNode;
import com.redeemupload.db.PostgresClusterService;
import com.redeemupload.support.Http;
import com.redeemupload.support.ServiceTest;
import com.redeemupload.support.TestOrg;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.component.file.remote.SftpEndpoint;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.support.ScheduledPollConsumer;
import org.apache.camel.test.main.junit5.Configure;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.CopyOption;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The SFTP way in (contract 5) against an embedded SFTP server (Apache MINA SSHD): a file put in the remote inbox
 * becomes a job, its results appear in the remote outbox, and a login refused by the server is reported and tried
 * again without stopping anything.
 * <p>
 * SFTP is enabled for this class only: its settings are given as override properties of this class's Camel context
 * (a {@link CamelConfiguration} added by a {@link Configure} method), never as system properties, which would stay
 * set for the test classes run after this one in the same JVM.
 */
class SftpIntakeTest extends ServiceTest {

    private static final String USER = "redeem";
    /** with characters that a URI would otherwise mangle, to show the password reaches the server as it is */
    private static final String PASSWORD = "s3cr&t+pa%20ss=w)rd";
    private static final String MIRROR = "sftp-inbox-mirror";

    @TempDir
    static Path temp;

    private static SshServer sshd;
    private static Path remote;
    /** the password the server accepts, changed by the test of a refused login */
    private static final AtomicReference<String> acceptedPassword = new AtomicReference<>(PASSWORD);
    private static final AtomicInteger refusedLogins = new AtomicInteger();
    /** how often a file was renamed onto each name: an upload is written aside (.part-NAME), then renamed */
    private static final Map<String, Integer> renamedOnto = new ConcurrentHashMap<>();

    @BeforeAll
    static void startSftpServer() throws IOException {
        remote = Files.createDirectories(temp.resolve("remote"));
        sshd = SshServer.setUpDefaultServer();
        sshd.setHost("127.0.0.1");
        sshd.setPort(0);
        sshd.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(temp.resolve("host-key.ser")));
        sshd.setPasswordAuthenticator((user, password, session) -> {
            boolean ok = USER.equals(user) && acceptedPassword.get().equals(password);
            if (!ok) {
                refusedLogins.incrementAndGet();
            }
            return ok;
        });
        sshd.setKeyboardInteractiveAuthenticator(null);
        SftpSubsystemFactory sftp = new SftpSubsystemFactory();
        sftp.addSftpEventListener(new SftpEventListener() {
            @Override
            public void moved(ServerSession session, Path from, Path to, Collection<CopyOption> options, Throwable failed) {
                if (failed == null) {
                    renamedOnto.merge(to.getFileName().toString(), 1, Integer::sum);
                }
            }
        });
        sshd.setSubsystemFactories(List.of(sftp));
        sshd.setFileSystemFactory(new VirtualFileSystemFactory(remote));
        sshd.start();
    }

    /** Enables the SFTP routes against the embedded server, for this class's Camel context only. */
    @Configure
    protected void enableSftp(MainConfigurationProperties main) {
        main.addConfiguration(overriding(instanceProperties(temp)));
    }

    /** What an instance of this class needs: SFTP on, and its local folders below {@code root}, out of the others' way. */
    private static Map<String, String> instanceProperties(Path root) {
        return Map.ofEntries(
                Map.entry("redeem.sftp.enabled", "true"),
                Map.entry("redeem.sftp.host", "127.0.0.1"),
                Map.entry("redeem.sftp.port", Integer.toString(sshd.getPort())),
                Map.entry("redeem.sftp.user", USER),
                Map.entry("redeem.sftp.password", PASSWORD),
                Map.entry("redeem.sftp.strict-host-key-checking", "no"),
                Map.entry("redeem.sftp.poll-ms", "300"),
                Map.entry("redeem.sftp.local-dir", root.resolve("local").toString()),
                Map.entry("redeem.inbox.poll-ms", "300"),
                Map.entry("redeem.inbox.settle-ms", "400"),
                Map.entry("redeem.inbox.dir", root.resolve("inbox").toString()),
                Map.entry("redeem.outbox.dir", root.resolve("outbox").toString()));
    }

    /**
     * The properties as overrides of a Camel context's, in a CamelConfiguration made at run time: a class of this
     * package implementing it would be found by camel-main's package scan (com.redeemupload) and run in every test
     * class's context.
     */
    private static CamelConfiguration overriding(Map<String, String> properties) {
        return (CamelConfiguration) Proxy.newProxyInstance(CamelConfiguration.class.getClassLoader(),
                new Class<?>[] {CamelConfiguration.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "configure" -> {
                        properties.forEach(((CamelContext) args[0]).getPropertiesComponent()::addOverrideProperty);
                        yield null;
                    }
                    case "toString" -> "SFTP test properties";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @AfterAll
    void stopSftpServer() throws Exception {
        // the SFTP routes first, so that they do not complain about the server going away
        if (context != null) {
            context.getRouteController().stopRoute("sftp-inbox-mirror");
            context.getRouteController().stopRoute("sftp-outbox");
        }
        if (sshd != null) {
            sshd.stop(true);
        }
    }

    /** Camel logs endpoint URIs (a failed poll does), and masks a password in them only up to its first ')'. */
    @Test
    void passwordIsGivenToTheEndpointsNotWrittenInTheirUris() {
        List<SftpEndpoint> endpoints = context.getEndpoints().stream()
                .filter(SftpEndpoint.class::isInstance).map(SftpEndpoint.class::cast).toList();

        assertThat(endpoints).hasSize(2);   // the remote inbox and the remote outbox
        for (SftpEndpoint endpoint : endpoints) {
            assertThat(endpoint.getConfiguration().getPassword()).isEqualTo(PASSWORD);
            assertThat(endpoint.getEndpointUri()).doesNotContain("password");
        }
    }

    @Test
    void fileInRemoteInboxBecomesCompletedJobWithResultsInRemoteOutbox() throws IOException {
        TestOrg org = newOrg();
        long series = org.series("");
        org.customers("[{\"mobile\": \"919800000001\"}, {\"mobile\": \"919800000002\"}]");
        org.coupons(series, "[{\"couponCode\": \"C1\", \"issuedTo\": {\"mobile\": \"919800000001\"}},"
                + " {\"couponCode\": \"C2\", \"issuedTo\": {\"mobile\": \"919800000002\"}}]");
        long t = TestOrg.now();
        String csv = "mobile,couponCode,redeemedDateInMillis,redeemedAt\n"
                + "919800000001,C1," + t + ",10\n"
                + "919800000002,C2," + t + ",10\n"
                + "919800000003,C2," + t + ",10\n";

        putRemote(org, series, "flow.csv", csv);
        JsonNode job = awaitEndedJob(org, series);

        assertThat(job.get("source").asText()).isEqualTo("SFTP");
        assertThat(job.get("fileName").asText()).isEqualTo("flow_" + job.get("createdOn").asText() + "_" + series + ".csv");
        assertThat(job.get("uploadRedeemedCouponStatus").asText()).isEqualTo("COMPLETED");
        assertThat(job.get("actualRowCount").asLong()).isEqualTo(3);
        assertThat(job.get("totalUploadedCount").asLong()).isEqualTo(2);
        assertThat(job.get("errorCount").asLong()).isEqualTo(1);
        assertThat(job.get("processedCount").asLong()).isEqualTo(3);
        long jobId = job.get("jobId").asLong();
        assertThat(org.file(jobId, "uploaded")).isEqualTo(csv);

        Path outbox = remoteOutbox(org, series);
        String base = baseName(job);
        Path success = outbox.resolve(base + "_success.csv");
        Path error = outbox.resolve(base + "_error.csv");
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(success) && Files.exists(error));
        assertThat(Files.readString(success)).matches("mobile,couponCode,redeemedDateInMillis,redeemedAt,redemptionId\n"
                + "919800000001,C1," + t + ",10,\\d+\n"
                + "919800000002,C2," + t + ",10,\\d+\n");
        assertThat(Files.readString(success)).isEqualTo(org.file(jobId, "success"));
        assertThat(Files.readString(error)).isEqualTo("mobile,couponCode,redeemedDateInMillis,redeemedAt,errorCode,errorMessage,rowNumber\n"
                + "919800000003,C2," + t + ",10,701,Customer not found: no customer has mobile '919800000003',4\n");
        assertThat(names(outbox)).containsExactlyInAnyOrder(base + "_success.csv", base + "_error.csv");

        // on the server as in the local inbox: moved out of the way, with its job id in its name
        Path inbox = remoteInbox(org, series);
        String done = ".done/flow.job-" + jobId + ".csv";
        await().atMost(Duration.ofSeconds(10)).until(() -> filesUnder(inbox).equals(List.of(done)));
        assertThat(inbox.resolve(done)).hasContent(csv);
        assertThat(jobs(org, series)).hasSize(1);
    }

    @Test
    void sidecarBesideTheRemoteFileGivesItsSettings() throws IOException {
        TestOrg org = newOrg();
        long series = org.series("");
        org.customers("[{\"mobile\": \"919800000001\"}]");
        org.coupons(series, "[{\"couponCode\": \"C1\", \"issuedTo\": {\"mobile\": \"919800000001\"}}]");
        long t = TestOrg.now();
        // no header row: the columns are known only from the sidecar
        String csv = "10," + t + ",C1,919800000001\n"
                + "10," + t + ",NOPE,919800000001\n";
        String sidecar = "{\"customerIdentifier\": \"MOBILE\", \"couponIdentifier\": \"COUPON_CODE\", \"hasHeaderRow\": false,"
                + " \"uploadHeaders\": {\"redeemedAt\": 0, \"redeemedDateInMillis\": 1, \"couponCode\": 2, \"mobile\": 3},"
                + " \"details\": \"from the sidecar\"}";

        putRemote(org, series, "no-header.csv.json", sidecar);
        putRemote(org, series, "no-header.csv", csv);
        JsonNode job = awaitEndedJob(org, series);

        assertThat(job.get("source").asText()).isEqualTo("SFTP");
        assertThat(job.get("uploadRedeemedCouponStatus").asText()).isEqualTo("COMPLETED");
        assertThat(job.get("details").asText()).isEqualTo("from the sidecar");
        assertThat(job.get("actualRowCount").asLong()).isEqualTo(2);
        assertThat(job.get("totalUploadedCount").asLong()).isEqualTo(1);
        assertThat(job.get("errorCount").asLong()).isEqualTo(1);
        long jobId = job.get("jobId").asLong();

        Path outbox = remoteOutbox(org, series);
        Path success = outbox.resolve(baseName(job) + "_success.csv");
        Path error = outbox.resolve(baseName(job) + "_error.csv");
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(success) && Files.exists(error));
        assertThat(Files.readString(success)).matches("10," + t + ",C1,919800000001,\\d+\n");
        assertThat(Files.readString(success)).isEqualTo(org.file(jobId, "success"));
        assertThat(Files.readString(error)).startsWith("10," + t + ",NOPE,919800000001,719,");
        assertThat(Files.readString(error)).isEqualTo(org.file(jobId, "error"));

        Path inbox = remoteInbox(org, series);
        String done = ".done/no-header.job-" + jobId + ".csv";
        await().atMost(Duration.ofSeconds(10)).until(() -> filesUnder(inbox).equals(List.of(done, done + ".json")));
        assertThat(inbox.resolve(done)).hasContent(csv);
        assertThat(inbox.resolve(done + ".json")).hasContent(sidecar);
    }

    @Test
    void fileSentAgainUnderTheSameNameBecomesASecondJob() throws IOException {
        TestOrg org = newOrg();
        long series = org.series("\"anyUser\": true");
        org.customers("[{\"mobile\": \"919800000001\"}]");
        org.coupons(series, "[{\"couponCode\": \"C1\"}, {\"couponCode\": \"C2\"}]");
        String header = "mobile,couponCode,redeemedDateInMillis,redeemedAt\n";
        Path inbox = remoteInbox(org, series);

        String first = header + "919800000001,C1," + TestOrg.now() + ",10\n";
        putRemote(org, series, "daily.csv", first);
        long firstJob = awaitEndedJob(org, series).get("jobId").asLong();
        await().atMost(Duration.ofSeconds(10)).until(() -> filesUnder(inbox).equals(List.of(".done/daily.job-" + firstJob + ".csv")));
        String second = header + "919800000001,C2," + TestOrg.now() + ",10\n";
        putRemote(org, series, "daily.csv", second);

        // the second file is taken once, and both stay on the server, each under its own job's name
        await().atMost(Duration.ofSeconds(30)).until(() -> jobs(org, series).size() == 2
                && jobs(org, series).stream().allMatch(j -> j.get("uploadRedeemedCouponStatus").asText().equals("COMPLETED")));
        List<JsonNode> jobs = jobs(org, series);
        long secondJob = jobs.get(0).get("jobId").asLong();
        assertThat(jobs.get(1).get("jobId").asLong()).isEqualTo(firstJob);
        await().atMost(Duration.ofSeconds(10)).until(() -> filesUnder(inbox).size() == 2);
        assertThat(filesUnder(inbox)).containsExactly(".done/daily.job-" + firstJob + ".csv", ".done/daily.job-" + secondJob + ".csv");
        assertThat(inbox.resolve(".done/daily.job-" + firstJob + ".csv")).hasContent(first);
        assertThat(inbox.resolve(".done/daily.job-" + secondJob + ".csv")).hasContent(second);
        assertThat(org.file(secondJob, "uploaded")).isEqualTo(second);
        assertThat(jobs).allSatisfy(j -> assertThat(j.get("totalUploadedCount").asLong()).isEqualTo(1));
    }

    /**
     * A remote file copied twice (its leader died before moving it on the server, or two instances led for a moment)
     * is one job: the copy keeps the remote file's time, so the folder intake knows it for the file it took before.
     */
    @Test
    void remoteFileCopiedTwiceIsOneJob() throws IOException {
        TestOrg org = newOrg();
        long series = org.series("\"anyUser\": true, \"redemptionPerCouponMaxLimit\": -1, \"sameUserMultipleRedeem\": true");
        org.customers("[{\"mobile\": \"919800000001\"}]");
        org.coupons(series, "[{\"couponCode\": \"C1\"}]");
        String csv = "mobile,couponCode,redeemedDateInMillis,redeemedAt\n919800000001,C1," + TestOrg.now() + ",10\n";
        FileTime sent = FileTime.from(Instant.now().minus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.SECONDS));
        putRemote(org, series, "copied.csv", csv, sent);
        long jobId = awaitEndedJob(org, series).get("jobId").asLong();
        Path inbox = remoteInbox(org, series);
        String done = ".done/copied.job-" + jobId + ".csv";
        await().atMost(Duration.ofSeconds(10)).until(() -> filesUnder(inbox).equals(List.of(done)));

        // the same remote file, as it was, in the remote inbox again: copied again, it is the same job
        Files.delete(inbox.resolve(done));
        putRemote(org, series, "copied.csv", csv, sent);
        await().atMost(Duration.ofSeconds(20)).until(() -> filesUnder(inbox).equals(List.of(done)));
        assertThat(jobs(org, series)).hasSize(1);
        assertThat(temp.resolve("local/inbox/" + org.orgId + "/" + series + "/" + done)).exists();
    }

    /**
     * A leader that stopped between moving a remote file to .processing and settling it leaves it there: the next
     * leader puts it back in the remote inbox as it takes the lead, and it becomes a job.
     */
    @Test
    void fileAnEarlierLeaderLeftInProcessingIsTakenUpByTheNextLeader() throws Exception {
        TestOrg org = newOrg();
        long series = org.series("");
        org.customers("[{\"mobile\": \"919800000001\"}]");
        org.coupons(series, "[{\"couponCode\": \"C1\", \"issuedTo\": {\"mobile\": \"919800000001\"}}]");
        String csv = "mobile,couponCode,redeemedDateInMillis,redeemedAt\n919800000001,C1," + TestOrg.now() + ",10\n";
        Path inbox = remoteInbox(org, series);
        Files.writeString(Files.createDirectories(inbox.resolve(".processing")).resolve("left.csv"), csv);

        // this instance takes the lead anew, as it would once the leader that left the file had died
        clusterService(context).stopView(MIRROR);
        await().atMost(Duration.ofSeconds(10)).until(() -> !mirrors(context));
        clusterService(context).startView(MIRROR);

        JsonNode job = awaitEndedJob(org, series);
        assertThat(job.get("uploadRedeemedCouponStatus").asText()).isEqualTo("COMPLETED");
        assertThat(job.get("totalUploadedCount").asLong()).isEqualTo(1);
        String done = ".done/left.job-" + job.get("jobId").asLong() + ".csv";
        await().atMost(Duration.ofSeconds(10)).until(() -> filesUnder(inbox).equals(List.of(done)));
        assertThat(inbox.resolve(done)).hasContent(csv);
    }

    /** A file that cannot become a job goes to .failed on the server, with the reason beside it, as in the local inbox. */
    @Test
    void fileThatCannotBecomeAJobGoesToTheFailedFolderOnTheServerWithItsReason() throws IOException {
        TestOrg org = newOrg();
        long noSuchSeries = org.series("") + 1_000_000;
        String csv = "mobile,couponCode,redeemedDateInMillis,redeemedAt\n919800000001,C1," + TestOrg.now() + ",10\n";

        putRemote(org, noSuchSeries, "lost.csv", csv);

        Path inbox = remoteInbox(org, noSuchSeries);
        await().atMost(Duration.ofSeconds(20)).until(() -> filesUnder(inbox).equals(List.of(".failed/lost.csv", ".failed/lost.csv.reason.txt")));
        assertThat(inbox.resolve(".failed/lost.csv")).hasContent(csv);
        assertThat(inbox.resolve(".failed/lost.csv.reason.txt")).content()
                .contains("org " + org.orgId + " has no coupon series " + noSuchSeries);
        // and, as before, in the outbox, where the results of the files that became jobs go
        Path inOutbox = remoteOutbox(org, noSuchSeries).resolve("lost.csv.reason.txt");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(inOutbox));
        assertThat(inOutbox).hasSameTextualContentAs(inbox.resolve(".failed/lost.csv.reason.txt"));

        // sent again, still refused: it replaces the first one there, as in the local inbox
        String again = csv + "919800000001,C2," + TestOrg.now() + ",10\n";
        putRemote(org, noSuchSeries, "lost.csv", again);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(inbox.resolve(".failed/lost.csv")).hasContent(again));
        assertThat(filesUnder(inbox)).containsExactly(".failed/lost.csv", ".failed/lost.csv.reason.txt");
    }

    /**
     * Of instances polling one server, one at a time mirrors its inbox (the one whose database session holds the
     * lead), so no remote file is copied twice, into two jobs; when it goes, another takes over.
     */
    @Test
    void oneInstanceAtATimeMirrorsTheRemoteInboxAndAnotherTakesOverWhenItGoes() throws Exception {
        TestOrg org = newOrg();
        long series = org.series("\"anyUser\": true");
        org.customers("[{\"mobile\": \"919800000001\"}]");
        org.coupons(series, "[{\"couponCode\": \"C1\"}, {\"couponCode\": \"C2\"}, {\"couponCode\": \"C3\"}]");
        String header = "mobile,couponCode,redeemedDateInMillis,redeemedAt\n";
        Path here = temp.resolve("local/inbox/" + org.orgId + "/" + series);
        Path there = temp.resolve("second/local/inbox/" + org.orgId + "/" + series);
        await().atMost(Duration.ofSeconds(10)).until(() -> mirrors(context));

        Main second = startAnotherInstance(overriding(instanceProperties(temp.resolve("second"))));
        try {
            CamelContext other = second.getCamelContext();
            // this class's instance leads (it came first): the other one waits, its mirror stopped and healthy
            assertThat(mirrors(other)).isFalse();
            assertThat(mirrorHealth(other).getState()).isEqualTo(HealthCheck.State.UP);
            assertThat(mirrorHealth(other).getDetails()).containsEntry("leader", false);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(HealthCheckHelper.invokeReadiness(other))
                    .allSatisfy(check -> assertThat(check.getState()).as(check.getCheck().getId()).isEqualTo(HealthCheck.State.UP)));
            putRemote(org, series, "one.csv", header + "919800000001,C1," + TestOrg.now() + ",10\n");
            long one = awaitEndedJob(org, series).get("jobId").asLong();
            await().atMost(Duration.ofSeconds(10)).until(() -> filesUnder(here).equals(List.of(".done/one.job-" + one + ".csv")));
            assertThat(there).doesNotExist();

            // this one gives up the lead (as when its database session ends): the other takes over
            clusterService(context).stopView(MIRROR);
            await().atMost(Duration.ofSeconds(10)).until(() -> mirrors(other) && !mirrors(context));
            putRemote(org, series, "two.csv", header + "919800000001,C2," + TestOrg.now() + ",10\n");
            long two = awaitEndedJobs(org, series, 2).get(0).get("jobId").asLong();
            await().atMost(Duration.ofSeconds(10)).until(() -> filesUnder(there).equals(List.of(".done/two.job-" + two + ".csv")));
            // whichever instance ran a job sent its results
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.isDirectory(remoteOutbox(org, series))
                    && names(remoteOutbox(org, series)).size() == 2);

            // back as a standby; the leader stops, and this one leads again
            clusterService(context).startView(MIRROR);
            second.stop();
            await().atMost(Duration.ofSeconds(10)).until(() -> mirrors(context));
            putRemote(org, series, "three.csv", header + "919800000001,C3," + TestOrg.now() + ",10\n");
            long three = awaitEndedJobs(org, series, 3).get(0).get("jobId").asLong();
            await().atMost(Duration.ofSeconds(10)).until(() -> filesUnder(here)
                    .equals(List.of(".done/one.job-" + one + ".csv", ".done/three.job-" + three + ".csv")));
            await().atMost(Duration.ofSeconds(20)).until(() -> names(remoteOutbox(org, series)).size() == 3);
        } finally {
            second.stop();
            clusterService(context).startView(MIRROR);
        }
        assertThat(jobs(org, series)).allSatisfy(job -> {
            assertThat(remoteOutbox(org, series).resolve(baseName(job) + "_success.csv")).exists();
            assertThat(job.get("source").asText()).isEqualTo("SFTP");
            assertThat(job.get("uploadRedeemedCouponStatus").asText()).isEqualTo("COMPLETED");
            assertThat(job.get("totalUploadedCount").asLong()).isEqualTo(1);
        });
    }

    /**
     * Instances may share one local folder for SFTP (so that a copy taken by a leader that died is read by another
     * instance): each result file in the shared outbox is then sent to the server once, not by every instance.
     */
    @Test
    void instancesSharingOneLocalFolderSendEachResultFileOnce() throws Exception {
        TestOrg org = newOrg();
        long series = org.series("");
        Path outbox = Files.createDirectories(temp.resolve("local/outbox/" + org.orgId + "/" + series));
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            names.add("result-" + i + "_success.csv");
        }

        Main second = startAnotherInstance(overriding(instanceProperties(temp)));   // the same folders as this one
        try {
            // written as job-ended writes them: aside, then renamed into place
            for (String name : names) {
                Path aside = outbox.resolve("." + name + ".writing");
                Files.writeString(aside, "mobile,couponCode,redemptionId\n919800000001,C1,1\n");
                Files.move(aside, outbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            }
            Path remoteOutbox = remoteOutbox(org, series);
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.isDirectory(remoteOutbox)
                    && names(remoteOutbox).size() == names.size() && names(outbox).isEmpty());
        } finally {
            second.stop();
        }
        assertThat(names(remoteOutbox(org, series))).containsExactlyInAnyOrderElementsOf(names);
        for (String name : names) {
            assertThat(renamedOnto.get(name)).as("uploads of " + name).isEqualTo(1);
        }
    }

    @Test
    void refusedLoginIsReportedAndTriedAgainUntilTheServerTakesThePassword() throws Exception {
        TestOrg org = newOrg();
        long series = org.series("");
        org.customers("[{\"mobile\": \"919800000001\"}]");
        org.coupons(series, "[{\"couponCode\": \"C1\", \"issuedTo\": {\"mobile\": \"919800000001\"}}]");
        String csv = "mobile,couponCode,redeemedDateInMillis,redeemedAt\n919800000001,C1," + TestOrg.now() + ",10\n";

        // the server's password is changed, and the service's connection dropped: it must log in again, and fails
        acceptedPassword.set("changed on the server");
        try {
            int refusedBefore = refusedLogins.get();
            sshd.getActiveSessions().forEach(session -> session.close(true));
            putRemote(org, series, "late.csv", csv);

            ScheduledPollConsumer consumer = (ScheduledPollConsumer) context.getRoute("sftp-inbox-mirror").getConsumer();
            long errorsBefore = consumer.getErrorCounter();
            // poll after poll fails, each failure reported, and the service goes on polling
            await().atMost(Duration.ofSeconds(30)).until(() -> consumer.getErrorCounter() >= errorsBefore + 2
                    && refusedLogins.get() >= refusedBefore + 2);
            HealthCheck.Result health = mirrorHealth(context);
            assertThat(health.getState()).isEqualTo(HealthCheck.State.DOWN);
            // the reason, not just "cannot connect": the server refused the login
            assertThat(health.getError()).hasValueSatisfying(e -> assertThat(e).rootCause().hasMessageContaining("Auth fail"));
            assertThat(context.getStatus()).isEqualTo(ServiceStatus.Started);
            assertThat(context.getRouteController().getRouteStatus("sftp-inbox-mirror")).isEqualTo(ServiceStatus.Started);
            assertThat(jobs(org, series)).isEmpty();
            assertThat(remoteInbox(org, series).resolve("late.csv")).exists();
        } finally {
            // the right password again
            acceptedPassword.set(PASSWORD);
        }

        // the file that waited is picked up
        JsonNode job = awaitEndedJob(org, series);
        assertThat(job.get("uploadRedeemedCouponStatus").asText()).isEqualTo("COMPLETED");
        assertThat(job.get("totalUploadedCount").asLong()).isEqualTo(1);
        assertThat(job.get("source").asText()).isEqualTo("SFTP");
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(remoteOutbox(org, series).resolve(baseName(job) + "_success.csv")));
        await().atMost(Duration.ofSeconds(20)).until(() -> mirrorHealth(context).getState() == HealthCheck.State.UP);
    }

    // ---

    /** Whether the instance's SFTP mirror runs: on the leader only. */
    private static boolean mirrors(CamelContext instance) {
        return instance.getRouteController().getRouteStatus(MIRROR) == ServiceStatus.Started;
    }

    private static CamelClusterService clusterService(CamelContext instance) {
        return instance.hasService(PostgresClusterService.class);
    }

    /** The health check of the mirror (on the leader, its consumer's: it counts failed polls and keeps the last error). */
    private HealthCheck.Result mirrorHealth(CamelContext instance) {
        Optional<HealthCheck.Result> result = HealthCheckHelper.invoke(instance, "sftp-mirror", Map.of());
        assertThat(result).as("the health check sftp-mirror").isPresent();
        return result.get();
    }

    private static Path remoteOutbox(TestOrg org, long series) {
        return remote.resolve("outbox").resolve(Long.toString(org.orgId)).resolve(Long.toString(series));
    }

    /** The job's file name without .csv, which its result files in the outbox start with. */
    private static String baseName(JsonNode job) {
        return job.get("fileName").asText().replaceFirst("\\.csv$", "");
    }

    private static Path remoteInbox(TestOrg org, long series) {
        return remote.resolve("inbox").resolve(Long.toString(org.orgId)).resolve(Long.toString(series));
    }

    /** Puts a file in the remote inbox as an uploader would, complete at once: written aside, then renamed. */
    private static void putRemote(TestOrg org, long series, String name, String content) throws IOException {
        putRemote(org, series, name, content, FileTime.from(Instant.now()));
    }

    /** The same, the file last modified at {@code time}. */
    private static void putRemote(TestOrg org, long series, String name, String content, FileTime time) throws IOException {
        Path folder = Files.createDirectories(remoteInbox(org, series));
        Path aside = folder.resolve("." + name + ".uploading");
        Files.writeString(aside, content, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(aside, time);
        Files.move(aside, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    /** The files in a folder and its sub-folders, as relative paths with '/', sorted. */
    private static List<String> filesUnder(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).map(p -> folder.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** The series' jobs, as the API lists them. */
    private static List<JsonNode> jobs(TestOrg org, long series) {
        Http.Response r = org.api.get("/coupon/api/v1/upload/getUploadRedeemedCouponStatus/" + series);
        TestOrg.expectOk(r);
        List<JsonNode> jobs = new ArrayList<>();
        r.result().get("redeemUploadJobStatuses").forEach(jobs::add);
        return jobs;
    }

    /** Waits for the one job of the series to end; returns it. */
    private static JsonNode awaitEndedJob(TestOrg org, long series) {
        return awaitEndedJobs(org, series, 1).get(0);
    }

    /** Waits for the series to have {@code count} jobs, all ended; returns them, the newest first. */
    private static List<JsonNode> awaitEndedJobs(TestOrg org, long series, int count) {
        AtomicReference<List<JsonNode>> jobs = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            jobs.set(jobs(org, series));
            return jobs.get().size() == count && jobs.get().stream()
                    .map(job -> job.get("uploadRedeemedCouponStatus").asText())
                    .allMatch(status -> status.equals("COMPLETED") || status.equals("FAILED"));
        });
        return jobs.get();
    }
}
