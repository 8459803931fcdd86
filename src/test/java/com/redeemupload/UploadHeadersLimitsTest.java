package com.redeemupload;

import com.redeemupload.support.Http;
import com.redeemupload.support.ServiceTest;
import com.redeemupload.support.TestEnvironment;
import com.redeemupload.support.TestOrg;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * uploadHeaders is read strictly and its column indexes are bounded (redeem.csv.max-column-index), on the form and in
 * an inbox sidecar alike (issue 14, findings 4 and 11).
 */
class UploadHeadersLimitsTest extends ServiceTest {

    private static final String MAPPING = "\"mobile\": 0, \"couponCode\": 1, \"redeemedDateInMillis\": 2, \"redeemedAt\": 3";
    private static final String TOO_FAR = "uploadHeaders: the index of 'billNumber' is 99999999; it must be a 0-based column "
            + "number from 0 to 1000 (redeem.csv.max-column-index)";

    private TestOrg org;
    private long series;
    private String rows;

    @BeforeEach
    void setUp() {
        if (org != null) {
            return;
        }
        org = newOrg();
        series = org.series("");
        rows = "919800000001,C1," + TestOrg.now() + ",10\n919800000002,C2," + TestOrg.now() + ",10\n";
    }

    /** Finding 4: this mapping on a 2-row file gave a 100 MB error file (999999999: the job failed out of heap). */
    @Test
    void columnIndexOverTheMaximumIsRefusedOnTheForm() {
        Http.Response r = org.upload(series, rows, Map.of("hasHeaderRow", "false",
                "uploadHeaders", "{" + MAPPING + ", \"billNumber\": 99999999}"));
        assertRefused(r, TOO_FAR);
        assertNoJobs();
    }

    @Test
    void trailingContentAfterUploadHeadersIsRefused() {
        Http.Response r = org.upload(series, rows, Map.of("hasHeaderRow", "false", "uploadHeaders", "{" + MAPPING + "} garbage"));
        assertRefused(r, "uploadHeaders: has more after its JSON object (column 76); send one object such as "
                + "{\"mobile\": 0, \"couponCode\": 1, \"redeemedDateInMillis\": 2, \"redeemedAt\": 3}");
        assertNoJobs();
    }

    @Test
    void singleQuotesAndTheHighestIndexAreStillAccepted() {
        Http.Response r = org.upload(org.series(""), rows, Map.of("hasHeaderRow", "false",
                "uploadHeaders", "{'mobile': 0, 'couponCode': 1, 'redeemedDateInMillis': 2, 'redeemedAt': 3, 'billNumber': 1000}"));
        TestOrg.expectOk(r);
    }

    @Test
    void columnIndexOverTheMaximumInASidecarFailsTheFileWithTheReason() throws Exception {
        Path folder = TestEnvironment.inbox().resolve(org.orgId + "/" + series);
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("wide.csv.json"), "{\"hasHeaderRow\": false, \"uploadHeaders\": {" + MAPPING
                + ", \"billNumber\": 99999999}}");
        Files.writeString(folder.resolve("wide.csv"), rows);

        Path reason = folder.resolve(".failed/wide.csv.reason.txt");
        await().atMost(Duration.ofSeconds(15)).until(() -> Files.exists(reason));
        assertThat(Files.readString(reason)).contains(TOO_FAR);
        assertThat(folder.resolve(".failed/wide.csv")).exists();
        assertNoJobs();
    }

    private static void assertRefused(Http.Response r, String message) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.errorCode()).isEqualTo(1400);
        assertThat(r.errorMessage()).isEqualTo(message);
    }

    private void assertNoJobs() {
        Http.Response r = org.api.get("/coupon/api/v1/upload/getUploadRedeemedCouponStatus/" + series);
        TestOrg.expectOk(r);
        assertThat(r.result().get("redeemUploadJobStatuses")).isEmpty();
    }
}
