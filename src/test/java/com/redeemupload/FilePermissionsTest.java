package com.redeemupload;

import com.fasterxml.jackson.databind.JsonNode;
import com.redeemupload.support.ServiceTest;
import com.redeemupload.support.TestEnvironment;
import com.redeemupload.support.TestOrg;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Files holding customers' data are the service's user's only (contract 6): folders 0700, files 0600. */
class FilePermissionsTest extends ServiceTest {

    private static final String HEADER = "mobile,couponCode,redeemedDateInMillis,redeemedAt\n";

    private TestOrg org;
    private long series;
    private long t;

    @BeforeEach
    void registry() {
        if (org != null) {
            return;
        }
        org = newOrg();
        series = org.series("\"anyUser\": true");
        org.customers("[{\"mobile\": \"919800000001\"}]");
        org.coupons(series, "[{\"couponCode\": \"P1\"}, {\"couponCode\": \"P2\"}]");
        t = TestOrg.now();
    }

    @Test
    void uploadedSuccessAndErrorFilesAndTheirFoldersAreTheServiceUsersOnly() throws IOException {
        JsonNode job = org.uploadAndWait(series, HEADER + "919800000001,P1," + t + ",1\n919800000009,P1," + t + ",1\n");
        assertThat(job.get("errorCount").asLong()).isEqualTo(1);

        Path files = Path.of(System.getProperty("redeem.files.dir"));
        Path jobFolder = files.resolve(org.orgId + "/" + job.get("jobId").asLong());
        assertThat(mode(files)).isEqualTo("rwx------");
        assertThat(mode(jobFolder.getParent())).isEqualTo("rwx------");
        assertThat(mode(jobFolder)).isEqualTo("rwx------");
        for (String file : new String[] {"uploaded.csv", "success.csv", "error.csv"}) {
            assertThat(mode(jobFolder.resolve(file))).as(file).isEqualTo("rw-------");
        }
        assertThat(mode(Path.of(System.getProperty("camel.server.fileUploadDirectory")))).isEqualTo("rwx------");
    }

    @Test
    void inboxFoldersAndOutboxFilesTheServiceMakesAreTheServiceUsersOnly() throws IOException {
        Path folder = TestEnvironment.inbox().resolve(org.orgId + "/" + series);
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("perm.csv"), HEADER + "919800000001,P2," + t + ",1\n919800000009,P2," + t + ",1\n");
        Files.writeString(folder.resolve("refused.csv"), "mobile,redeemedDateInMillis\n919800000001," + t + "\n");
        Path outbox = TestEnvironment.outbox().resolve(org.orgId + "/" + series);
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(folder.resolve(".failed/refused.csv"))
                && Files.exists(outbox) && Files.list(outbox).filter(p -> p.getFileName().toString().endsWith("_error.csv")).count() == 1);

        assertThat(mode(folder.resolve(".done"))).isEqualTo("rwx------");
        assertThat(mode(folder.resolve(".failed"))).isEqualTo("rwx------");
        assertThat(mode(folder.resolve(".failed/refused.csv.reason.txt"))).isEqualTo("rw-------");
        assertThat(mode(outbox.getParent())).isEqualTo("rwx------");
        assertThat(mode(outbox)).isEqualTo("rwx------");
        try (var results = Files.list(outbox)) {
            assertThat(results).hasSize(3).allSatisfy(p -> assertThat(mode(p)).as(p.toString()).isEqualTo("rw-------"));
        }
    }

    private static String mode(Path path) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
