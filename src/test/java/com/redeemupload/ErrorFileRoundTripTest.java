package com.redeemupload;

import com.redeemupload.support.JobResult;
import com.redeemupload.support.RowsFile;
import com.redeemupload.support.TestOrg;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contract 2.4: a user can fix the error file and upload it again as it is, with the same settings; uploaded
 * unfixed, every row is refused again.
 */
class ErrorFileRoundTripTest extends RowRulesSupport {

    static final String U1 = "919800000001";
    static final String U2 = "919800000002";
    static final String U3 = "919800000003";
    static final String UNKNOWN = "919800000099";

    private final long t = TestOrg.now();

    @Test
    void errorFileWithHeaderRowUploadedAgainUnchangedThenFixed() {
        TestOrg org = newOrg();
        long series = org.series("");   // anyUser false, one redemption per coupon and customer
        org.customers(mobiles(U1, U2, U3));
        org.coupons(series, "[" + coupon("C1", U1, null) + ", " + coupon("C2", U2, null) + ", " + coupon("C3", U3, null) + "]");

        RowsFile f = RowsFile.withHeader("mobile,couponCode,redeemedDateInMillis,redeemedAt,details")
                .ok(U1 + ",C1," + t + ",10,first")
                .refused(701, UNKNOWN + ",C2," + t + ",10,\"x, \"\"quoted\"\" note\"", UNKNOWN)
                .refused(719, U1 + ",NOPE," + t + ",10,", "NOPE")
                .refused(703, U1 + ",C2," + t + ",10", "Not issued")                   // details missing: padded
                .refused(721, "  abc  ,C3," + t + ",10,spaces kept", "mobile")
                .refused(739, U3 + ",C3,,10,", "redeemedDateInMillis")
                .refused(716, U1 + ",C1," + t + ",10,again", "same coupon")
                .refused(629, U3 + ",C3", "Invalid input")                              // short: padded
                .refused(735, U3 + ",C3," + t + ",,\"two\nlines\"", "redeemedAt")       // a record over two lines
                .ok(U3 + ",C3," + t + ",10");
        JobResult first = run(org, series, f, Map.of());
        String errorFile = first.errorFileText;

        // unchanged: every row refused again, with the same code (the short row, padded now, fails a later rule)
        JobResult again = JobResult.upload(org, dataSource(), series, errorFile, Map.of());
        assertThat(again.job.get("totalUploadedCount").asLong()).isZero();
        assertThat(again.job.get("errorCount").asLong()).isEqualTo(8);
        assertThat(codes(again, true)).containsExactly("701", "719", "703", "721", "739", "716", "739", "735");
        assertRowsUnchanged(first.errorFile, again.errorFile);
        // rowNumber is the line in the file uploaded this time: the header, 8 records, one of them over two lines
        assertThat(again.errorFile.subList(1, 9).stream().map(r -> r.get(r.size() - 1)).toList())
                .containsExactly("2", "3", "4", "5", "6", "7", "8", "9");

        // fixed: the customer of the 701 row now exists under the mobile written in
        String fixed = errorFile.replace(UNKNOWN + ",C2", U2 + ",C2");
        JobResult afterFix = JobResult.upload(org, dataSource(), series, fixed, Map.of());
        assertThat(afterFix.job.get("totalUploadedCount").asLong()).isEqualTo(1);
        assertThat(codes(afterFix, true)).containsExactly("719", "703", "721", "739", "716", "739", "735");
        List<String> accepted = afterFix.successFile.get(1);
        assertThat(accepted.subList(0, 5)).containsExactly(U2, "C2", Long.toString(t), "10", "x, \"quoted\" note");
        assertThat(accepted.get(5)).isEqualTo("701");
        assertThat(accepted.get(accepted.size() - 1)).isEqualTo(Long.toString(afterFix.redemptions.get(0).redemptionId()));
    }

    @Test
    void errorFileWithoutHeaderRowUploadedAgainWithTheSameUploadHeaders() {
        TestOrg org = newOrg();
        long series = org.series("\"anyUser\": true");
        org.customers(mobiles(U1, U2, U3));
        org.coupons(series, "[" + coupon("C1", null, null) + ", " + coupon("C2", null, null) + "]");
        Map<String, String> settings = Map.of("hasHeaderRow", "false",
                "uploadHeaders", "{'mobile': 0, 'couponCode': 1, 'redeemedDateInMillis': 2, 'redeemedAt': 3}");

        RowsFile f = RowsFile.withoutHeader(4)
                .ok(U1 + ",C1," + t + ",10")
                .refused(701, UNKNOWN + ",C2," + t + ",10", UNKNOWN)
                .refused(629, U3 + ",C2", "Invalid input")                             // padded to 4 columns
                .blank()
                .refused(719, U3 + ",NOPE," + t + ",10", "NOPE");
        JobResult first = run(org, series, f, settings);

        JobResult again = JobResult.upload(org, dataSource(), series, first.errorFileText, settings);
        assertThat(again.job.get("totalUploadedCount").asLong()).isZero();
        assertThat(codes(again, false)).containsExactly("701", "739", "719");
        assertRowsUnchanged(first.errorFile, again.errorFile);

        JobResult afterFix = JobResult.upload(org, dataSource(), series,
                first.errorFileText.replace(UNKNOWN, U2), settings);
        assertThat(afterFix.successFile).hasSize(1);
        assertThat(afterFix.successFile.get(0).subList(0, 4)).containsExactly(U2, "C2", Long.toString(t), "10");
        assertThat(codes(afterFix, false)).containsExactly("739", "719");
    }

    /**
     * A header row narrower than the mapped columns (uploadHeaders maps redeemedAt to a column the header does not
     * name): the added columns must still not land in a mapped column, or the unfixed error file would be accepted.
     */
    @Test
    void addedColumnsNeverLandInAMappedColumnEvenWhenTheHeaderIsNarrower() {
        TestOrg org = newOrg();
        long series = org.series("\"anyUser\": true");
        org.customers(mobiles(U1));
        org.coupons(series, "[" + coupon("C1", null, null) + "]");
        Map<String, String> settings = Map.of(
                "uploadHeaders", "{\"mobile\": 0, \"couponCode\": 1, \"redeemedDateInMillis\": 2, \"redeemedAt\": 3}");

        String csv = "mobile,couponCode,redeemedDateInMillis\n"
                + U1 + ",C1," + t + "\n";                       // the store is missing: 629
        JobResult first = JobResult.upload(org, dataSource(), series, csv, settings);
        assertThat(first.errorCode(2)).isEqualTo(629);
        assertThat(first.errorRow(2).subList(0, 4)).containsExactly(U1, "C1", Long.toString(t), "");

        JobResult again = JobResult.upload(org, dataSource(), series, first.errorFileText, settings);
        assertThat(again.job.get("totalUploadedCount").asLong()).as("unfixed, the row is refused again").isZero();
        assertThat(again.errorCode(2)).isEqualTo(735);
    }

    /** The errorCode of each row of a job's error file. */
    private static List<String> codes(JobResult r, boolean hasHeader) {
        return r.errorFile.subList(hasHeader ? 1 : 0, r.errorFile.size()).stream().map(row -> row.get(row.size() - 3)).toList();
    }

    /** Each row of the second error file starts with the row of the first, as uploaded (header included). */
    private static void assertRowsUnchanged(List<List<String>> uploaded, List<List<String>> errorFile) {
        assertThat(errorFile).hasSameSizeAs(uploaded);
        for (int i = 0; i < uploaded.size(); i++) {
            assertThat(errorFile.get(i).subList(0, uploaded.get(i).size())).as("row %d", i).isEqualTo(uploaded.get(i));
        }
    }
}
