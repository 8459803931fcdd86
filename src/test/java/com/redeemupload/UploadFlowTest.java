package com.redeemupload;

import com.fasterxml.jackson.databind.JsonNode;
import com.redeemupload.support.ServiceTest;
import com.redeemupload.support.TestOrg;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The happy path end to end: upload, job COMPLETED, exact counts, success and error files as the contract says. */
class UploadFlowTest extends ServiceTest {

    @Test
    void uploadedFileEndsCompletedWithExactCountsAndFiles() {
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

        JsonNode job = org.uploadAndWait(series, csv);

        assertThat(job.get("uploadRedeemedCouponStatus").asText()).isEqualTo("COMPLETED");
        assertThat(job.get("actualRowCount").asLong()).isEqualTo(3);
        assertThat(job.get("totalUploadedCount").asLong()).isEqualTo(2);
        assertThat(job.get("errorCount").asLong()).isEqualTo(1);
        assertThat(job.get("processedCount").asLong()).isEqualTo(3);
        long jobId = job.get("jobId").asLong();
        assertThat(org.file(jobId, "success")).matches("mobile,couponCode,redeemedDateInMillis,redeemedAt,redemptionId\n"
                + "919800000001,C1," + t + ",10,\\d+\n"
                + "919800000002,C2," + t + ",10,\\d+\n");
        long[] redemptionIds = org.file(jobId, "success").lines().skip(1).mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(',') + 1))).toArray();
        assertThat(redemptionIds[1]).as("redemption ids rise in file order").isGreaterThan(redemptionIds[0]);
        assertThat(org.file(jobId, "error")).isEqualTo("mobile,couponCode,redeemedDateInMillis,redeemedAt,errorCode,errorMessage,rowNumber\n"
                + "919800000003,C2," + t + ",10,701,Customer not found: no customer has mobile '919800000003',4\n");
        assertThat(org.file(jobId, "uploaded")).isEqualTo(csv);
    }

    /** The success file comes out of PostgreSQL through COPY, which escapes: every character must come back as written. */
    @Test
    void successFileKeepsQuotedLineBreaksBackslashesTabsAndNonAscii() {
        TestOrg org = newOrg();
        long series = org.series("");
        org.customers("[{\"mobile\": \"919800000011\"}]");
        org.coupons(series, "[{\"couponCode\": \"Q1\", \"issuedTo\": {\"mobile\": \"919800000011\"}}]");
        long t = TestOrg.now();
        String row = "919800000011,Q1," + t + ",10,\"two\nlines, C:\\tmp\\x\ttab \"\"quoted\"\" Grüße\"";
        String csv = "mobile,couponCode,redeemedDateInMillis,redeemedAt,details\n" + row + "\n";

        JsonNode job = org.uploadAndWait(series, csv);

        assertThat(job.get("totalUploadedCount").asLong()).isEqualTo(1);
        assertThat(org.file(job.get("jobId").asLong(), "success"))
                .matches("mobile,couponCode,redeemedDateInMillis,redeemedAt,details,redemptionId\n" + java.util.regex.Pattern.quote(row) + ",\\d+\n");
    }
}
