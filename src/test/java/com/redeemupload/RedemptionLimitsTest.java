package com.redeemupload;

import com.redeemupload.support.JobResult;
import com.redeemupload.support.RowsFile;
import com.redeemupload.support.TestOrg;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contract section 3, rules 11 to 13: they count stored redemptions (earlier jobs, imported history) and the rows
 * accepted earlier in the same file, in file order; a refused row does not count.
 */
class RedemptionLimitsTest extends RowRulesSupport {

    static final String HEADER = "mobile,couponCode,redeemedDateInMillis,redeemedAt";
    static final String U1 = "919800000001";
    static final String U2 = "919800000002";
    static final String U3 = "919800000003";
    static final String U4 = "919800000004";

    private final long t = TestOrg.now();

    @Test
    void rule12CouponLimitCountsEarlierRowsOfTheFile() {
        TestOrg org = newOrg();
        long limit1 = org.series("\"anyUser\": true");
        long limit2 = org.series("\"anyUser\": true, \"sameUserMultipleRedeem\": true, \"redemptionPerCouponMaxLimit\": 2");
        org.customers(mobiles(U1, U2, U3));
        org.coupons(limit1, "[{\"couponCode\": \"C1\"}, {\"couponCode\": \"C2\"}]");
        org.coupons(limit2, "[{\"couponCode\": \"C1\"}]");

        run(org, limit1, RowsFile.withHeader(HEADER)
                .ok(row(U1, "C1"))
                .refused(711, row(U2, "C1"), "Coupon already used", "1")
                .ok(row(U2, "C2"))
                .refused(711, row(U3, "C1"), "Coupon already used"), Map.of());

        run(org, limit2, RowsFile.withHeader(HEADER)
                .ok(row(U1, "C1"))
                .ok(row(U1, "C1"))
                .refused(711, row(U1, "C1"), "Coupon already used", "2")
                .refused(711, row(U2, "C1"), "Coupon already used"), Map.of());
    }

    @Test
    void rule11SameUserCannotRedeemACouponTwiceWhateverTheCouponLimit() {
        TestOrg org = newOrg();
        org.customers(mobiles(U1, U2));
        for (String limit : List.of("-1", "5")) {
            long series = org.series("\"anyUser\": true, \"redemptionPerCouponMaxLimit\": " + limit);
            org.coupons(series, "[{\"couponCode\": \"C1\"}, {\"couponCode\": \"C2\"}]");
            run(org, series, RowsFile.withHeader(HEADER)
                    .ok(row(U1, "C1"))
                    .ok(row(U2, "C1"))
                    .ok(row(U1, "C2"))
                    .refused(716, row(U1, "C1"), "Cannot redeem same coupon multiple times")
                    .refused(716, row(U2, "C1"), "Cannot redeem same coupon multiple times"), Map.of());
        }
    }

    @Test
    void rule13UserLimitInTheSeriesCountsEarlierRowsOfTheFile() {
        TestOrg org = newOrg();
        long series = org.series("\"anyUser\": true, \"redemptionPerCouponMaxLimit\": -1, \"maxRedemptionsInSeriesPerUser\": 2");
        org.customers(mobiles(U1, U2));
        org.coupons(series, "[{\"couponCode\": \"C1\"}, {\"couponCode\": \"C2\"}, {\"couponCode\": \"C3\"}]");

        run(org, series, RowsFile.withHeader(HEADER)
                .ok(row(U1, "C1"))
                .ok(row(U1, "C2"))
                .ok(row(U2, "C1"))
                .refused(736, row(U1, "C3"), "Allowed redemption consumed", "2")
                .ok(row(U2, "C3")), Map.of());
    }

    @Test
    void aRefusedRowDoesNotCountForTheRowsAfterIt() {
        TestOrg org = newOrg();
        long series = org.series("\"anyUser\": true, \"redemptionPerCouponMaxLimit\": 1, \"maxRedemptionsInSeriesPerUser\": 1");
        org.customers(mobiles(U1, U2));
        org.coupons(series, "[{\"couponCode\": \"C1\"}, {\"couponCode\": \"C2\"}, {\"couponCode\": \"C3\"}, {\"couponCode\": \"C4\"}]");

        run(org, series, RowsFile.withHeader(HEADER)
                .ok(row(U1, "C1"))
                .refused(736, row(U1, "C2"), "Allowed redemption consumed")    // u1 used up
                .ok(row(U2, "C2"))                                              // so c2 is still free
                .refused(711, row(U2, "C1"), "Coupon already used"), Map.of());  // 711 comes before 736

        long series2 = org.series("\"anyUser\": true, \"redemptionPerCouponMaxLimit\": 1, \"maxRedemptionsInSeriesPerUser\": 1");
        org.coupons(series2, "[{\"couponCode\": \"C1\"}, {\"couponCode\": \"C2\"}]");
        run(org, series2, RowsFile.withHeader(HEADER)
                .ok(row(U1, "C1"))
                .refused(711, row(U2, "C1"), "Coupon already used")             // c1 used up
                .ok(row(U2, "C2")), Map.of());                                  // so u2 is still free
    }

    @Test
    void earlierJobsCount() {
        TestOrg org = newOrg();
        long series = org.series("\"anyUser\": true, \"maxRedemptionsInSeriesPerUser\": 1");
        org.customers(mobiles(U1, U2, U3));
        org.coupons(series, "[{\"couponCode\": \"C1\"}, {\"couponCode\": \"C2\"}, {\"couponCode\": \"C3\"}]");
        RowsFile first = RowsFile.withHeader(HEADER)
                .ok(row(U1, "C1"))
                .ok(row(U2, "C2"));
        run(org, series, first, Map.of());

        run(org, series, RowsFile.withHeader(HEADER)
                .refused(716, row(U1, "C1"), "Cannot redeem same coupon multiple times")
                .refused(711, row(U2, "C1"), "Coupon already used")
                .refused(736, row(U1, "C3"), "Allowed redemption consumed")
                .ok(row(U3, "C3")), Map.of());

        // the same file again: every row is refused now
        run(org, series, RowsFile.withHeader(HEADER)
                .refused(716, row(U1, "C1"), "Cannot redeem same coupon multiple times")
                .refused(716, row(U2, "C2"), "Cannot redeem same coupon multiple times"), Map.of());
    }

    @Test
    void importedHistoryCounts() {
        TestOrg org = newOrg();
        long series = org.series("\"anyUser\": true, \"maxRedemptionsInSeriesPerUser\": 1");
        long otherSeries = org.series("\"anyUser\": true, \"maxRedemptionsInSeriesPerUser\": 1");
        org.customers(mobiles(U1, U2, U3, U4));
        org.coupons(series, "[{\"couponCode\": \"C1\"}, {\"couponCode\": \"C2\"}, {\"couponCode\": \"C3\"}, {\"couponCode\": \"C4\"}]");
        org.coupons(otherSeries, "[{\"couponCode\": \"X1\"}]");
        importRedemptions(org, series, "[" + history("C1", U1, t - 100_000) + ", " + history("C2", U2, t - 100_000) + "]");
        importRedemptions(org, otherSeries, "[" + history("X1", U3, t - 100_000) + "]");   // another series: not counted

        run(org, series, RowsFile.withHeader(HEADER)
                .refused(716, row(U1, "C1"), "Cannot redeem same coupon multiple times")
                .refused(711, row(U3, "C1"), "Coupon already used")
                .refused(736, row(U2, "C3"), "Allowed redemption consumed")
                .ok(row(U3, "C3"))
                .ok(row(U4, "C4")), Map.of());
    }

    /**
     * History is often imported right after the series' coupons were added. Until PostgreSQL samples the coupon table
     * again, a new series looks empty to its planner, and the import's look-ups planned on that read the whole series
     * once per row (minutes for a few thousand rows into a big series): a bulk add of coupons has the table sampled.
     */
    @Test
    void aBulkAddOfCustomersAndCouponsIsKnownToThePlannerAtOnce() throws Exception {
        TestOrg org = newOrg();
        long series = org.series("");
        StringBuilder customers = new StringBuilder("[");
        StringBuilder coupons = new StringBuilder("[");
        for (int i = 0; i < 1_000; i++) {
            customers.append(i == 0 ? "" : ", ").append("{\"mobile\": \"9197").append(String.format("%08d", i)).append("\"}");
            coupons.append(i == 0 ? "" : ", ").append("{\"couponCode\": \"P").append(i).append("\"}");
        }
        org.customers(customers.append("]").toString());
        org.coupons(series, coupons.append("]").toString());

        assertThat(plannedRows("select * from customer where org_id = " + org.orgId)).isGreaterThan(500);
        assertThat(plannedRows("select * from coupon where series_id = " + series)).isGreaterThan(500);
    }

    private double plannedRows(String query) throws Exception {
        try (Connection c = dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet plan = st.executeQuery("explain (format json) " + query)) {
            plan.next();
            return new ObjectMapper().readTree(plan.getString(1)).get(0).get("Plan").get("Plan Rows").asDouble();
        }
    }

    /**
     * A customer already at the series' limit redeems a coupon that an earlier row of the file used up: rule 12 comes
     * first, so 711, though rule 13 alone would already refuse the row.
     */
    @Test
    void couponUsedUpEarlierInTheFileComesBeforeTheCustomersLimit() {
        TestOrg org = newOrg();
        long series = org.series("\"anyUser\": true, \"maxRedemptionsInSeriesPerUser\": 1");
        org.customers(mobiles(U1, U2));
        org.coupons(series, "[{\"couponCode\": \"C1\"}, {\"couponCode\": \"C9\"}]");
        importRedemptions(org, series, "[" + history("C9", U2, t - 100_000) + "]");

        run(org, series, RowsFile.withHeader(HEADER)
                .ok(row(U1, "C1"))
                .refused(711, row(U2, "C1"), "Coupon already used"), Map.of());
    }

    /** History longer than the file: only the file's coupons and customers are looked up, with the same verdicts. */
    @Test
    void historyLongerThanTheFileCounts() {
        TestOrg org = newOrg();
        long series = org.series("\"anyUser\": true, \"maxRedemptionsInSeriesPerUser\": 1");
        org.customers(mobiles(U1, U2, U3, U4));
        org.coupons(series, "[{\"couponCode\": \"C1\"}, {\"couponCode\": \"C2\"}, {\"couponCode\": \"C3\"},"
                + " {\"couponCode\": \"C4\"}, {\"couponCode\": \"C5\"}, {\"couponCode\": \"C6\"}]");
        importRedemptions(org, series, "[" + history("C1", U1, t - 100_000) + ", " + history("C2", U2, t - 100_000) + ", "
                + history("C3", U4, t - 100_000) + ", " + history("C6", U4, t - 100_000) + ", " + history("C6", U4, t - 90_000) + "]");

        run(org, series, RowsFile.withHeader(HEADER)
                .refused(716, row(U1, "C1"), "Cannot redeem same coupon multiple times")
                .refused(711, row(U3, "C2"), "Coupon already used")
                .refused(736, row(U2, "C4"), "Allowed redemption consumed")
                .ok(row(U3, "C5")), Map.of());
    }

    /**
     * A file over several chunks (the tests' chunk size is 7) with blank lines, rows refused by rules 2 and 6, and
     * rows whose fate under rules 11 to 13 depends on rows in earlier chunks; expected fates from a plain model.
     */
    @Test
    void limitsHoldAcrossChunksOfALongFile() {
        TestOrg org = newOrg();
        long series = org.series("\"anyUser\": true, \"redemptionPerCouponMaxLimit\": 2, \"maxRedemptionsInSeriesPerUser\": 3");
        List<String> users = List.of(U1, U2, U3, U4);
        org.customers(mobiles(U1, U2, U3, U4));
        org.coupons(series, "[{\"couponCode\": \"K1\"}, {\"couponCode\": \"K2\"}, {\"couponCode\": \"K3\"},"
                + " {\"couponCode\": \"K4\"}, {\"couponCode\": \"K5\"}, {\"couponCode\": \"K6\"}]");
        importRedemptions(org, series, "[" + history("K6", U4, t - 100_000) + "]");

        Map<String, Integer> pair = new HashMap<>(Map.of("K6 " + U4, 1));
        Map<String, Integer> coupon = new HashMap<>(Map.of("K6", 1));
        Map<String, Integer> user = new HashMap<>(Map.of(U4, 1));
        List<Integer> codes = new ArrayList<>();
        Random random = new Random(42);
        RowsFile f = RowsFile.withHeader(HEADER);
        for (int i = 1; i <= 40; i++) {
            if (i % 11 == 0) {
                f.blank();
            }
            if (i % 9 == 0) {
                f.refused(781, U1 + ",," + t + ",10", "coupon");
                codes.add(781);
                continue;
            }
            if (i % 13 == 0) {
                f.refused(701, "919800000099,K1," + t + ",10", "Customer not found");
                codes.add(701);
                continue;
            }
            String u = users.get(random.nextInt(users.size()));
            String c = "K" + (1 + random.nextInt(6));
            int code = pair.getOrDefault(c + " " + u, 0) > 0 ? 716
                    : coupon.getOrDefault(c, 0) >= 2 ? 711
                    : user.getOrDefault(u, 0) >= 3 ? 736 : 0;
            codes.add(code);
            if (code == 0) {
                pair.merge(c + " " + u, 1, Integer::sum);
                coupon.merge(c, 1, Integer::sum);
                user.merge(u, 1, Integer::sum);
                f.ok(row(u, c));
            } else {
                f.refused(code, row(u, c));
            }
        }
        assertThat(codes).as("the file exercises every limit").contains(0, 711, 716, 736);

        JobResult r = run(org, series, f, Map.of());
        assertThat(r.job.get("actualRowCount").asLong()).isEqualTo(40);
    }

    /**
     * Each row repeats the coupon or the customer of the row before, one redemption per coupon and per customer: every
     * row's fate hangs on the one before, back to the first, whose customer's history decides the whole chain.
     */
    @Test
    void aChainOfContestedRowsIsSettledInFileOrder() {
        TestOrg org = newOrg();
        String settings = "\"anyUser\": true, \"sameUserMultipleRedeem\": true, \"redemptionPerCouponMaxLimit\": 1, "
                + "\"maxRedemptionsInSeriesPerUser\": 1";
        long fresh = org.series(settings);
        long redeemedBefore = org.series(settings);
        String[] users = new String[7];
        StringBuilder coupons = new StringBuilder("[{\"couponCode\": \"KH\"}");
        for (int k = 0; k < users.length; k++) {
            users[k] = "91980000010" + k;
            coupons.append(", {\"couponCode\": \"K").append(k).append("\"}");
        }
        org.customers(mobiles(users));
        org.coupons(fresh, coupons + "]");
        org.coupons(redeemedBefore, coupons + "]");
        importRedemptions(org, redeemedBefore, "[" + history("KH", users[0], t - 100_000) + "]");

        for (long series : List.of(fresh, redeemedBefore)) {
            boolean accepted = series == fresh;   // the first row's fate; each row after it has the other one
            RowsFile f = RowsFile.withHeader(HEADER);
            for (int i = 0; i < 12; i++) {
                String row = row(users[(i + 1) / 2], "K" + i / 2);   // row 2k+1: coupon of row 2k; row 2k: customer of row 2k-1
                if (accepted) {
                    f.ok(row);
                } else {
                    f.refused(i % 2 == 0 ? 736 : 711, row);
                }
                accepted = !accepted;
            }
            run(org, series, f, Map.of());
        }
    }

    private String row(String mobile, String code) {
        return mobile + "," + code + "," + t + ",10";
    }
}
