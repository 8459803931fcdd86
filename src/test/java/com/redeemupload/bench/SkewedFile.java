package com.redeemupload.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The benchmark's skewed files ({@code --scenarios}): rows concentrated on one customer or one coupon, or chained so
 * that every row depends on the one before. Each runs on a series of its own whose settings ({@link #seriesJson}) make
 * the skew matter, with coupons {@code BENCH-i} issued to no one (the series allows any customer) and the
 * benchmark's customers. Every valid row; the refusals come from the limits alone.
 */
enum SkewedFile {

    /** One customer on every other row, under a per-customer limit above that. */
    HOT_CUSTOMER("hot-customer", "\"maxRedemptionsInSeriesPerUser\": %d"),
    /** The same file, under a per-customer limit that the hot customer reaches half-way. */
    HOT_CUSTOMER_LIMIT("hot-customer-limit", "\"maxRedemptionsInSeriesPerUser\": %d"),
    /** One coupon on a tenth of the rows (100,000 of 1,000,000), unlimited, any customer any number of times. */
    HOT_COUPON("hot-coupon", "\"redemptionPerCouponMaxLimit\": -1, \"sameUserMultipleRedeem\": true, \"maxRedemptionsInSeriesPerUser\": -1"),
    /** The same file, with the coupon's limit at half its rows. */
    HOT_COUPON_LIMIT("hot-coupon-limit", "\"redemptionPerCouponMaxLimit\": %d, \"sameUserMultipleRedeem\": true, \"maxRedemptionsInSeriesPerUser\": -1"),
    /**
     * Each row repeats the coupon or the customer of the row before (row 2k+1 coupon k of row 2k, row 2k customer k
     * of row 2k-1), one redemption per coupon and per customer: every row but the first is contested, in one chain.
     */
    CONTESTED("contested", "\"redemptionPerCouponMaxLimit\": 1, \"sameUserMultipleRedeem\": true, \"maxRedemptionsInSeriesPerUser\": 1");

    static final String HOT_COUPON_CODE = "BENCH-HOT";

    final String option;
    private final String settings;

    SkewedFile(String option, String settings) {
        this.option = option;
        this.settings = settings;
    }

    static SkewedFile of(String option) {
        for (SkewedFile f : values()) {
            if (f.option.equals(option)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown scenario " + option);
    }

    /** The rows of the hot customer or coupon in a file of {@code rows}. */
    static long hotRows(SkewedFile f, long rows) {
        return f == HOT_COUPON || f == HOT_COUPON_LIMIT ? rows / 10 : rows / 2;
    }

    /** The series' settings, as JSON fields (without braces). */
    String seriesJson(long rows) {
        long limit = switch (this) {
            case HOT_CUSTOMER -> hotRows(this, rows) + 1;
            case HOT_CUSTOMER_LIMIT, HOT_COUPON_LIMIT -> hotRows(this, rows) / 2;
            default -> 0;
        };
        return "\"anyUser\": true, " + settings.formatted(limit);
    }

    /** The coupons the file names: {@code BENCH-0} up to this, and {@link #HOT_COUPON_CODE}. */
    long coupons(long rows) {
        return this == CONTESTED ? rows / 2 + 1 : rows;
    }

    void write(Path file, long rows, long customers, long now) throws IOException {
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 20)) {
            out.write(BenchmarkFile.HEADER);
            out.write('\n');
            for (long i = 0; i < rows; i++) {
                long customer;
                String code;
                switch (this) {
                    case HOT_CUSTOMER, HOT_CUSTOMER_LIMIT -> {
                        customer = i % 2 == 0 ? 0 : i % customers;
                        code = BenchmarkFile.couponCode(i);
                    }
                    case HOT_COUPON, HOT_COUPON_LIMIT -> {
                        customer = i % customers;
                        code = i % 10 == 0 ? HOT_COUPON_CODE : BenchmarkFile.couponCode(i);
                    }
                    default -> {
                        customer = ((i + 1) / 2) % customers;
                        code = BenchmarkFile.couponCode(i / 2);
                    }
                }
                out.write(BenchmarkFile.mobile(customer) + "," + code + "," + (now - 1000 - i % 86_400_000) + "," + (1 + i % 500)
                        + ",BILL-" + i + ",B" + (i % 100_000) + ",skewed row " + i + "\n");
            }
        }
    }
}
