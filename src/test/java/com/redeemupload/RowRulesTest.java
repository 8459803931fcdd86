package com.redeemupload;

import com.redeemupload.support.JobResult;
import com.redeemupload.support.RowsFile;
import com.redeemupload.support.TestOrg;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Contract section 3, rules 1 to 10 (rules 11 to 13 are in {@link RedemptionLimitsTest}): each rule's code, the
 * refused row in the error file with its fields unchanged plus errorCode, errorMessage and rowNumber, accepted rows in
 * the success file; the order of the rules; the userId and couponId precedence; how identifiers match.
 */
class RowRulesTest extends RowRulesSupport {

    /** A series where only rules 1 to 7 (and 9, 10 when set) can refuse a row. */
    static final String PERMISSIVE = "\"anyUser\": true, \"sameUserMultipleRedeem\": true, \"redemptionPerCouponMaxLimit\": -1";
    static final String HEADER = "mobile,couponCode,redeemedDateInMillis,redeemedAt";
    static final String M1 = "919800000001";
    static final String M2 = "919800000002";

    private final long t = TestOrg.now();

    // rule 1

    @Test
    void rule1RefusesShortRowsAndFieldsOver255CharactersAfterTrimming() {
        TestOrg org = newOrg();
        long series = org.series(PERMISSIVE);
        org.customers("[{\"mobile\": \"" + M1 + "\"}]");
        String code255 = "L" + "x".repeat(254);
        org.coupons(series, "[{\"couponCode\": \"C1\"}, {\"couponCode\": \"" + code255 + "\"}]");
        String details255 = "d".repeat(255);

        RowsFile f = RowsFile.withHeader(HEADER + ",billNumber,details")
                .ok(M1 + ",C1," + t + ",10")                                        // optional columns missing count as empty
                .refused(629, M1 + ",C1," + t, "Invalid input", "redeemedAt")       // a required column missing
                .refused(629, M1, "Invalid input", "couponCode")
                .blank()
                .refused(629, "not-a-mobile", "Invalid input")                      // rule 1 comes before rule 3
                .ok(M1 + ",  " + code255 + "  ," + t + ",10,B1," + details255)      // 255 characters after trimming
                .ok(M1 + ",C1," + t + ",10,B2, " + details255 + " ")
                .refused(629, M1 + "," + code255 + "y," + t + ",10", "Invalid input", "couponCode", "256")
                .refused(629, M1 + ",C1," + t + ",10,B3," + details255 + "d", "Invalid input", "details", "256");
        run(org, series, f, Map.of());
    }

    @Test
    void rule1WithoutHeaderRowPadsShortRowsToTheHighestMappedColumn() {
        TestOrg org = newOrg();
        long series = org.series(PERMISSIVE);
        org.customers("[{\"mobile\": \"" + M1 + "\"}]");
        org.coupons(series, "[{\"couponCode\": \"C1\"}]");

        RowsFile f = RowsFile.withoutHeader(6)   // details is mapped to column 5
                .ok(M1 + ",C1," + t + ",10")
                .refused(629, M1 + ",C1", "Invalid input", "redeemedDateInMillis")
                .blank()
                .refused(629, M1 + ",C1,", "Invalid input", "redeemedAt")              // 3 fields: column 3 missing
                .ok(M1 + ",C1," + t + ",10,,my note");
        run(org, series, f, Map.of("hasHeaderRow", "false",
                "uploadHeaders", "{\"mobile\": 0, \"couponCode\": 1, \"redeemedDateInMillis\": 2, \"redeemedAt\": 3, \"details\": 5}"));
    }

    // rule 2

    @Test
    void rule2RefusesAnEmptyCouponAndACouponIdThatIsNotAPositiveInteger() {
        TestOrg org = newOrg();
        long series = org.series(PERMISSIVE);
        org.customers("[{\"mobile\": \"" + M1 + "\"}]");
        org.coupons(series, "[{\"couponCode\": \"C1\"}]");
        long c1 = couponId(series, "C1");

        run(org, series, RowsFile.withHeader(HEADER)
                .ok(M1 + ",C1," + t + ",10")
                .refused(781, M1 + ",," + t + ",10", "Either coupon ID or coupon code is missing", "empty")
                .refused(781, M1 + ",   ," + t + ",10", "Either coupon ID or coupon code is missing", "empty"), Map.of());

        run(org, series, RowsFile.withHeader("mobile,couponId,redeemedDateInMillis,redeemedAt")
                .ok(M1 + "," + c1 + "," + t + ",10")
                .ok(M1 + ", " + c1 + " ," + t + ",10")
                .refused(781, M1 + ",," + t + ",10", "coupon", "empty")
                .refused(781, M1 + ",abc," + t + ",10", "couponId", "abc")
                .refused(781, M1 + ",0," + t + ",10", "couponId", "'0'")
                .refused(781, M1 + ",-" + c1 + "," + t + ",10", "couponId", "-" + c1)
                .refused(781, M1 + "," + c1 + ".0," + t + ",10", "couponId")
                .refused(781, M1 + ",C1," + t + ",10", "couponId", "C1"),
                Map.of("couponIdentifier", "COUPON_ID"));
    }

    // rule 3

    @Test
    void rule3MobileMustBe8To15DigitsWithAnOptionalPlus() {
        TestOrg org = newOrg();
        long series = org.series(PERMISSIVE);
        org.customers("[{\"mobile\": \"12345678\"}, {\"mobile\": \"123456789012345\"}, {\"mobile\": \"+" + M1 + "\"}]");
        org.coupons(series, "[{\"couponCode\": \"C1\"}]");

        run(org, series, RowsFile.withHeader(HEADER)
                .ok("12345678,C1," + t + ",10")
                .ok("123456789012345,C1," + t + ",10")
                .ok("+" + M1 + ",C1," + t + ",10")
                .ok("  12345678 ,C1," + t + ",10")
                .refused(721, ",C1," + t + ",10", "Invalid customer", "empty")
                .refused(721, " ,C1," + t + ",10", "Invalid customer", "empty")
                .refused(721, "1234567,C1," + t + ",10", "Invalid customer", "mobile", "1234567")
                .refused(721, "1234567890123456,C1," + t + ",10", "mobile", "1234567890123456")
                .refused(721, "++" + M1 + ",C1," + t + ",10", "mobile")
                .refused(721, "9198-0000001,C1," + t + ",10", "mobile")
                .refused(721, "91980000000a,C1," + t + ",10", "mobile")
                .refused(721, M1 + "+,C1," + t + ",10", "mobile"), Map.of());
    }

    @Test
    void rule3EmailMustBeAnAddress() {
        TestOrg org = newOrg();
        long series = org.series(PERMISSIVE);
        org.customers("[{\"email\": \"ann@example.com\"}]");
        org.coupons(series, "[{\"couponCode\": \"C1\"}]");

        run(org, series, RowsFile.withHeader("email,couponCode,redeemedDateInMillis,redeemedAt")
                .ok("ann@example.com,C1," + t + ",10")
                .refused(721, ",C1," + t + ",10", "Invalid customer", "empty")
                .refused(721, "ann,C1," + t + ",10", "Invalid customer", "email", "ann")
                .refused(721, "ann@example,C1," + t + ",10", "email")
                .refused(721, "ann@@example.com,C1," + t + ",10", "email")
                .refused(721, "ann smith@example.com,C1," + t + ",10", "email")
                .refused(721, "@example.com,C1," + t + ",10", "email"), Map.of("customerIdentifier", "EMAIL"));
    }

    @Test
    void rule3UserIdMustBeAPositiveInteger() {
        TestOrg org = newOrg();
        long series = org.series(PERMISSIVE);
        org.customers("[{\"mobile\": \"" + M1 + "\"}]");
        long u1 = userId(org, "mobile", M1);
        org.coupons(series, "[{\"couponCode\": \"C1\"}]");

        run(org, series, RowsFile.withHeader("userId,couponCode,redeemedDateInMillis,redeemedAt")
                .ok(u1 + ",C1," + t + ",10")
                .ok(" " + u1 + " ,C1," + t + ",10")
                .refused(721, ",C1," + t + ",10", "Invalid customer", "empty")
                .refused(721, "0,C1," + t + ",10", "Invalid customer", "userId", "'0'")
                .refused(721, "-" + u1 + ",C1," + t + ",10", "userId")
                .refused(721, "abc,C1," + t + ",10", "userId", "abc")
                .refused(721, u1 + ".0,C1," + t + ",10", "userId")
                .refused(721, "+" + u1 + ",C1," + t + ",10", "userId"), Map.of("customerIdentifier", "USER_ID"));
    }

    @Test
    void rule3ExternalIdIsAnyNonEmptyText() {
        TestOrg org = newOrg();
        long series = org.series(PERMISSIVE);
        org.customers("[{\"externalId\": \"ext-1\"}, {\"externalId\": \"weird id/é\"}]");
        org.coupons(series, "[{\"couponCode\": \"C1\"}]");

        run(org, series, RowsFile.withHeader("externalId,couponCode,redeemedDateInMillis,redeemedAt")
                .ok("ext-1,C1," + t + ",10")
                .ok(" weird id/é ,C1," + t + ",10")
                .refused(721, ",C1," + t + ",10", "Invalid customer", "empty")
                .refused(721, "   ,C1," + t + ",10", "Invalid customer", "empty"), Map.of("customerIdentifier", "EXTERNAL_ID"));
    }

    // rule 4

    @Test
    void rule4RedemptionDateMustBeAPositiveIntegerAtMost5MinutesAhead() {
        TestOrg org = newOrg();
        long series = org.series(PERMISSIVE);
        org.customers("[{\"mobile\": \"" + M1 + "\"}]");
        org.coupons(series, "[{\"couponCode\": \"C1\"}]");
        long now = System.currentTimeMillis();

        run(org, series, RowsFile.withHeader(HEADER)
                .ok(M1 + ",C1," + t + ",10")
                .ok(M1 + ",C1,1,10")
                .ok(M1 + ",C1," + (now + 4 * 60_000) + ",10")
                .refused(739, M1 + ",C1,,10", "Redemption date invalid", "redeemedDateInMillis", "empty")
                .refused(739, M1 + ",C1, ,10", "Redemption date invalid", "redeemedDateInMillis", "empty")
                .refused(739, M1 + ",C1,abc,10", "Redemption date invalid", "redeemedDateInMillis", "abc")
                .refused(739, M1 + ",C1," + t + ".5,10", "redeemedDateInMillis")
                .refused(739, M1 + ",C1,1.7e12,10", "redeemedDateInMillis")
                .refused(739, M1 + ",C1,0,10", "redeemedDateInMillis")
                .refused(739, M1 + ",C1,-" + t + ",10", "redeemedDateInMillis")
                .refused(739, M1 + ",C1," + (now + 6 * 60_000) + ",10", "Redemption date invalid", "future"), Map.of());
    }

    // rule 5

    @Test
    void rule5StoreMustBeAPositiveInteger() {
        TestOrg org = newOrg();
        long series = org.series(PERMISSIVE);
        org.customers("[{\"mobile\": \"" + M1 + "\"}]");
        org.coupons(series, "[{\"couponCode\": \"C1\"}]");

        run(org, series, RowsFile.withHeader(HEADER)
                .ok(M1 + ",C1," + t + ",7")
                .ok(M1 + ",C1," + t + ", 7 ")
                .refused(735, M1 + ",C1," + t + ",", "Invalid store", "redeemedAt", "empty")
                .refused(735, M1 + ",C1," + t + ",  ", "Invalid store", "redeemedAt", "empty")
                .refused(735, M1 + ",C1," + t + ",till-7", "Invalid store", "redeemedAt", "till-7")
                .refused(735, M1 + ",C1," + t + ",0", "redeemedAt")
                .refused(735, M1 + ",C1," + t + ",-7", "redeemedAt")
                .refused(735, M1 + ",C1," + t + ",7.5", "redeemedAt"), Map.of());
    }

    // rule 6

    @Test
    void rule6CustomerNotFoundAndHowIdentifiersMatch() {
        TestOrg org = newOrg();
        long series = org.series(PERMISSIVE);
        org.customers("[{\"mobile\": \"" + M1 + "\"}, {\"mobile\": \"+" + M2 + "\"}, {\"email\": \"Ann.Lee@Example.com\"},"
                + " {\"externalId\": \"EXT-1\"}]");
        org.coupons(series, "[{\"couponCode\": \"C1\"}]");
        long u1 = userId(org, "mobile", M1);
        TestOrg other = newOrg();
        other.customers("[{\"mobile\": \"919800000077\", \"userId\": 777}]");   // a userId this org does not have
        long otherOrgsUser = userId(other, "mobile", "919800000077");

        run(org, series, RowsFile.withHeader(HEADER)
                .ok(M1 + ",C1," + t + ",10")
                .ok("+" + M2 + ",C1," + t + ",10")
                .refused(701, "+" + M1 + ",C1," + t + ",10", "Customer not found", "mobile", "+" + M1)   // a + is part of it
                .refused(701, M2 + ",C1," + t + ",10", "Customer not found", "mobile", M2)
                .refused(701, "919800000009,C1," + t + ",10", "Customer not found", "919800000009"), Map.of());

        run(org, series, RowsFile.withHeader("email,couponCode,redeemedDateInMillis,redeemedAt")
                .ok("ann.lee@example.com,C1," + t + ",10")                                   // email: any case
                .ok("ANN.LEE@EXAMPLE.COM,C1," + t + ",10")
                .refused(701, "bob@example.com,C1," + t + ",10", "Customer not found", "email", "bob@example.com"),
                Map.of("customerIdentifier", "EMAIL"));

        run(org, series, RowsFile.withHeader("externalId,couponCode,redeemedDateInMillis,redeemedAt")
                .ok("EXT-1,C1," + t + ",10")
                .refused(701, "ext-1,C1," + t + ",10", "Customer not found", "externalId", "ext-1"),   // exact match
                Map.of("customerIdentifier", "EXTERNAL_ID"));

        run(org, series, RowsFile.withHeader("userId,couponCode,redeemedDateInMillis,redeemedAt")
                .ok(u1 + ",C1," + t + ",10")
                .refused(701, "999999999999,C1," + t + ",10", "Customer not found", "userId", "999999999999")
                .refused(701, otherOrgsUser + ",C1," + t + ",10", "Customer not found", "userId"),     // another org's customer
                Map.of("customerIdentifier", "USER_ID"));

        // a customer of another org is not found
        run(org, series, RowsFile.withHeader(HEADER)
                .refused(701, "919800000077,C1," + t + ",10", "Customer not found"), Map.of());
    }

    // rule 7

    @Test
    void rule7CouponCodeOrIdNotInThisSeries() {
        TestOrg org = newOrg();
        long series = org.series(PERMISSIVE);
        long otherSeries = org.series(PERMISSIVE);
        org.customers("[{\"mobile\": \"" + M1 + "\"}]");
        org.coupons(series, "[{\"couponCode\": \"C1\"}]");
        org.coupons(otherSeries, "[{\"couponCode\": \"OTHER\"}]");
        long c1 = couponId(series, "C1");
        long other = couponId(otherSeries, "OTHER");

        run(org, series, RowsFile.withHeader(HEADER)
                .ok(M1 + ",C1," + t + ",10")
                .refused(719, M1 + ",c1," + t + ",10", "Coupon code does not exist", "'c1'")        // codes match exactly
                .refused(719, M1 + ",NOPE," + t + ",10", "Coupon code does not exist", "NOPE")
                .refused(719, M1 + ",OTHER," + t + ",10", "Coupon code does not exist", "OTHER"), Map.of());

        run(org, series, RowsFile.withHeader("mobile,couponId,redeemedDateInMillis,redeemedAt")
                .ok(M1 + "," + c1 + "," + t + ",10")
                .refused(780, M1 + "," + other + "," + t + ",10", "Coupon not found", Long.toString(other))
                .refused(780, M1 + ",999999999999," + t + ",10", "Coupon not found", "999999999999"),
                Map.of("couponIdentifier", "COUPON_ID"));
    }

    // rule 8

    @Test
    void rule8OnlyTheCustomerACouponWasIssuedToMayRedeemItUnlessAnyUser() {
        TestOrg org = newOrg();
        long series = org.series("\"redemptionPerCouponMaxLimit\": -1, \"sameUserMultipleRedeem\": true");
        long anyUserSeries = org.series(PERMISSIVE);
        org.customers("[{\"mobile\": \"" + M1 + "\"}, {\"mobile\": \"" + M2 + "\"}]");
        String coupons = "[{\"couponCode\": \"C1\", \"issuedTo\": {\"mobile\": \"" + M1 + "\"}}, {\"couponCode\": \"C0\"}]";
        org.coupons(series, coupons);
        org.coupons(anyUserSeries, coupons);

        run(org, series, RowsFile.withHeader(HEADER)
                .ok(M1 + ",C1," + t + ",10")
                .refused(703, M2 + ",C1," + t + ",10", "Not issued to this customer")
                .refused(703, M1 + ",C0," + t + ",10", "Not issued to this customer"), Map.of());

        run(org, anyUserSeries, RowsFile.withHeader(HEADER)
                .ok(M1 + ",C1," + t + ",10")
                .ok(M2 + ",C1," + t + ",10")
                .ok(M1 + ",C0," + t + ",10"), Map.of());
    }

    // rules 9 and 10

    @Test
    void rule9SeriesValidTillIsTheLastAcceptedDate() {
        TestOrg org = newOrg();
        long validTill = t - 10_000;
        long series = org.series(PERMISSIVE + ", \"validTill\": " + validTill);
        org.customers("[{\"mobile\": \"" + M1 + "\"}]");
        org.coupons(series, "[{\"couponCode\": \"C1\"}]");

        run(org, series, RowsFile.withHeader(HEADER)
                .ok(M1 + ",C1," + validTill + ",10")
                .ok(M1 + ",C1," + (validTill - 1) + ",10")
                .refused(712, M1 + ",C1," + (validTill + 1) + ",10", "Series expired", Long.toString(validTill + 1),
                        Long.toString(validTill))
                .refused(712, M1 + ",C1," + t + ",10", "Series expired"), Map.of());
    }

    @Test
    void rule10CouponExpiresOnIsTheLastAcceptedDate() {
        TestOrg org = newOrg();
        long series = org.series(PERMISSIVE);
        long expiresOn = t - 10_000;
        org.customers("[{\"mobile\": \"" + M1 + "\"}]");
        org.coupons(series, "[{\"couponCode\": \"E1\", \"expiresOn\": " + expiresOn + "}, {\"couponCode\": \"C1\"}]");

        run(org, series, RowsFile.withHeader(HEADER)
                .ok(M1 + ",E1," + expiresOn + ",10")
                .refused(713, M1 + ",E1," + (expiresOn + 1) + ",10", "Coupon expired", Long.toString(expiresOn + 1),
                        Long.toString(expiresOn))
                .ok(M1 + ",C1," + t + ",10"), Map.of());
    }

    // the order of the rules

    @Test
    void aRowFailingSeveralRulesGetsTheFirstOnesCode() {
        TestOrg org = newOrg();
        long validTill = t;
        long series = org.series("\"maxRedemptionsInSeriesPerUser\": 1, \"validTill\": " + validTill);
        String u1 = "919800000001", u2 = "919800000002", u3 = "919800000003", u4 = "919800000004", u5 = "919800000005";
        org.customers("[{\"mobile\": \"" + u1 + "\"}, {\"mobile\": \"" + u2 + "\"}, {\"mobile\": \"" + u3 + "\"},"
                + " {\"mobile\": \"" + u4 + "\"}, {\"mobile\": \"" + u5 + "\"}]");
        long old = t - 100_000;
        org.coupons(series, "["
                + coupon("G", u1, null) + ", "                 // 703 vs 712
                + coupon("E", u1, old) + ", "                  // 712 vs 713
                + coupon("E2", u1, old) + ", "                 // 713 vs 716: E2 was redeemed by u1 already
                + coupon("C", u1, null) + ", "                 // 716 vs 711 (vs 736)
                + coupon("H", u3, null) + ", "                 // 711 vs 736: H used by u4, u3 used J
                + coupon("J", u3, null) + ", "
                + coupon("K", u5, null) + "]");
        importRedemptions(org, series, "[" + history("E2", u1, old - 1) + ", " + history("C", u1, old) + ", "
                + history("H", u4, old) + ", " + history("J", u3, old) + "]");
        long ok = t - 1000;

        run(org, series, RowsFile.withHeader(HEADER)
                .refused(629, "abc,,x", "Invalid input")                                  // 629 before everything
                .refused(781, "abc,," + ok + ",10", "coupon")                             // empty coupon and bad mobile
                .refused(721, "abc,G,x,10", "mobile")                                     // bad mobile and bad date
                .refused(739, u1 + ",G,x,y", "redeemedDateInMillis")                      // bad date and bad store
                .refused(735, "919800000099,NOPE," + ok + ",y", "redeemedAt")             // bad store and unknown customer
                .refused(701, "919800000099,NOPE," + ok + ",10", "Customer not found")    // unknown customer and coupon
                .refused(719, u2 + ",NOPE," + (t + 1) + ",10", "Coupon code does not exist")
                .refused(703, u2 + ",G," + (t + 1) + ",10", "Not issued")                 // not issued, series expired
                .refused(712, u1 + ",E," + (t + 1) + ",10", "Series expired")             // series and coupon expired
                .refused(713, u1 + ",E2," + ok + ",10", "Coupon expired")                 // expired and redeemed before
                .refused(716, u1 + ",C," + ok + ",10", "same coupon")                     // 716, 711 and 736 all apply
                .refused(711, u3 + ",H," + ok + ",10", "already used")                    // 711 and 736 apply
                .ok(u5 + ",K," + ok + ",10"), Map.of());
    }

    // precedence of userId and couponId

    @Test
    void aNonEmptyUserIdOrCouponIdWinsOverTheChosenIdentifiers() {
        TestOrg org = newOrg();
        long series = org.series(PERMISSIVE);
        org.customers("[{\"mobile\": \"" + M1 + "\"}, {\"mobile\": \"" + M2 + "\"}]");
        org.coupons(series, "[{\"couponCode\": \"C1\"}, {\"couponCode\": \"C2\"}, {\"couponCode\": \"C3\"}]");
        long u1 = userId(org, "mobile", M1);
        long u2 = userId(org, "mobile", M2);
        long c1 = couponId(series, "C1");
        long c2 = couponId(series, "C2");
        long c3 = couponId(series, "C3");

        for (String uploadHeaders : List.of(
                "{\"mobile\": 0, \"userId\": 1, \"couponCode\": 2, \"couponId\": 3, \"redeemedDateInMillis\": 4, \"redeemedAt\": 5}",
                "{'mobile': 0, 'userId': 1, 'couponCode': 2, 'couponId': 3, 'redeemedDateInMillis': 4, 'redeemedAt': 5}")) {
            RowsFile f = RowsFile.withHeader("phone,uid,code,cid,when,store")
                    .ok(M1 + "," + u2 + ",C1," + c2 + "," + t + ",10")                 // -> u2, c2
                    .ok(M1 + ",,C1,," + t + ",10")                                      // -> u1, c1
                    .ok("919800000099," + u2 + ",NOPE," + c3 + "," + t + ",10")         // -> u2, c3: mobile and code unused
                    .ok(M2 + ", ,C3, ," + t + ",10")                                   // blank userId/couponId: -> u2, c3
                    .refused(721, M1 + ",abc,C1,," + t + ",10", "userId", "abc")        // the userId is used, malformed
                    .refused(781, M1 + ",,C1,xyz," + t + ",10", "couponId", "xyz")      // the couponId is used, malformed
                    .refused(701, M1 + ",999999999999,C1,," + t + ",10", "userId", "999999999999")
                    .refused(780, M1 + ",,C1,999999999999," + t + ",10", "couponId", "999999999999");
            JobResult r = run(org, series, f, Map.of("uploadHeaders", uploadHeaders));
            assertThat(r.redemptions).extracting(JobResult.Stored::userId, JobResult.Stored::couponId)
                    .containsExactly(tuple(u2, c2), tuple(u1, c1),
                            tuple(u2, c3), tuple(u2, c3));
        }
    }
}
