package com.redeemupload.pipeline;

import java.util.function.Function;

/**
 * Row rules 1 to 5 of the contract, in the order they are checked: the first one a row breaks gives its code.
 * Rules 6 to 13 need the registry and run in SQL ({@link RowDecisions}).
 */
public enum RowRule {

    /** Rule 1: a required column is missing, or a field is over 255 characters. */
    INVALID_INPUT(629, RedemptionRow::invalidInput),
    /** Rule 2: the coupon column is empty, or a couponId is not a positive integer. */
    COUPON_MISSING(781, RedemptionRow::couponMissing),
    /** Rule 3: the customer column is empty or malformed. */
    INVALID_CUSTOMER(721, RedemptionRow::invalidCustomer),
    /** Rule 4: the redemption date is empty, not an integer, not positive, or in the future. */
    INVALID_DATE(739, RedemptionRow::invalidDate),
    /** Rule 5: the store (till id) is empty or not a positive integer. */
    INVALID_STORE(735, RedemptionRow::invalidStore);

    private final int code;
    private final Function<RedemptionRow, String> problem;

    RowRule(int code, Function<RedemptionRow, String> problem) {
        this.code = code;
        this.problem = problem;
    }

    public int code() {
        return code;
    }

    /** Why the row breaks this rule, in words a person can act on; null when it does not. */
    String problemWith(RedemptionRow row) {
        return problem.apply(row);
    }
}
