package com.redeemupload.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Generates, seeded and streaming, a benchmark registry and a redemption file whose refused rows cover every
 * rule: about 6 % of the rows break one of rules 1 to 13, spread evenly over the file.
 * <p>
 * Registry: {@code customers} customers with mobiles {@code 91900xxxxxxx}; {@code rows} coupons {@code BENCH-i},
 * each issued to customer {@code i % customers}, expiring far in the future except every 1000th; a series that
 * allows one redemption per coupon and {@link #PER_USER_LIMIT} per customer; and history (imported redemptions)
 * that rules 12 and 13 count: see {@link #history}.
 */
public final class BenchmarkFile {

    static final String HEADER = "mobile,couponCode,redeemedDateInMillis,redeemedAt,billId,billNumber,details";
    /** The series' maxRedemptionsInSeriesPerUser: a customer has two coupons in the file, so only history reaches it. */
    static final int PER_USER_LIMIT = 3;
    /** Coupons that only history redeems, so that a customer can have {@link #PER_USER_LIMIT} past redemptions. */
    static final String HISTORY_COUPON = "BENCH-HISTORY";

    private BenchmarkFile() {
    }

    static String mobile(long customer) {
        return "91900" + String.format("%07d", customer);
    }

    static String couponCode(long i) {
        return "BENCH-" + i;
    }

    /** Whether coupon i has an early expiry (so that rule 10 can be broken on it). */
    static boolean expiresEarly(long i) {
        return i % 1000 == 999;
    }

    /** Which rule row i breaks (1 to 13), or 0: one row in 17, cycling through the rules. */
    static int fault(long i) {
        return i % 17 == 5 ? (int) ((i / 17) % 13) + 1 : 0;
    }

    /** A past redemption to import before the upload: coupon code and customer mobile. */
    record Past(String couponCode, String mobile) {
    }

    /**
     * The history rows 12 and 13 need: for a rule-12 row, its coupon was redeemed before by another customer (so the
     * coupon's one redemption is used, while rule 11 still passes); for a rule-13 row, its customer has already
     * redeemed {@link #PER_USER_LIMIT} other coupons of the series.
     */
    static void history(long rows, long customers, java.util.function.Consumer<Past> out) {
        for (long i = 0; i < rows; i++) {
            switch (fault(i)) {
                case 12 -> out.accept(new Past(couponCode(i), mobile((i + 1) % customers)));
                case 13 -> {
                    for (int k = 0; k < PER_USER_LIMIT; k++) {
                        out.accept(new Past(HISTORY_COUPON, mobile(i % customers)));
                    }
                }
                default -> { }
            }
        }
    }

    static void write(Path file, long rows, long customers, long seed, long now) throws IOException {
        Random random = new Random(seed);
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 20)) {
            out.write(HEADER);
            out.write('\n');
            for (long i = 0; i < rows; i++) {
                String mobile = mobile(i % customers);
                String code = couponCode(i);
                String date = Long.toString(now - random.nextInt(86_400_000));
                String at = Integer.toString(1 + random.nextInt(500));
                switch (fault(i)) {
                    case 0 -> { }
                    case 1 -> at = at + " ".repeat(10) + "x".repeat(250);                        // 629 field over 255
                    case 2 -> code = "";                                                          // 781
                    case 3 -> mobile = "12ab";                                                    // 721
                    case 4 -> date = "yesterday";                                                 // 739
                    case 5 -> at = "till-9";                                                      // 735
                    case 6 -> mobile = "91999" + String.format("%07d", i % 10_000_000);           // 701 unknown customer
                    case 7 -> code = "NOPE-" + i;                                                 // 719
                    case 8 -> mobile = mobile((i + 1) % customers);                               // 703 someone else's coupon
                    case 9 -> date = Long.toString(now + 200_000);                                // 712 after validTill (now + 100 s)
                    case 10 -> {                                                                  // 713 expired coupon
                        long early = i - (i % 1000) + 999 < rows ? i - (i % 1000) + 999 : i;
                        code = couponCode(early);
                        mobile = mobile(early % customers);
                    }
                    case 11 -> {                                                                  // 716: row i - 1 (accepted) again
                        code = couponCode(i - 1);
                        mobile = mobile((i - 1) % customers);
                    }
                    default -> { }                                                                // 711, 736: see history
                }
                out.write(mobile + "," + code + "," + date + "," + at + ",BILL-" + i + ",B" + (i % 100_000) + ",bench row " + i + "\n");
            }
        }
    }
}
