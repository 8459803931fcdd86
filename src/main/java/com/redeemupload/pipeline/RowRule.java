package com.redeemupload.pipeline;

import jakarta.validation.GroupSequence;

/**
 * Row rules 1 to 5 of the contract as Bean Validation groups, checked in order: validation stops at the first
 * group with a violation, which gives the row its code. Rules 6 to 13 need the registry and run in SQL
 * ({@link RowDecisions}).
 */
public final class RowRule {

    /** Rule 1, code 629: a required column is missing, or a field is over 255 characters. */
    public interface InvalidInput { }

    /** Rule 2, code 781: the coupon column is empty, or a couponId is not a positive integer. */
    public interface CouponMissing { }

    /** Rule 3, code 721: the customer column is empty or malformed. */
    public interface InvalidCustomer { }

    /** Rule 4, code 739: the redemption date is empty, not an integer, not positive, or in the future. */
    public interface InvalidDate { }

    /** Rule 5, code 735: the store (till id) is empty or not a positive integer. */
    public interface InvalidStore { }

    @GroupSequence({InvalidInput.class, CouponMissing.class, InvalidCustomer.class, InvalidDate.class, InvalidStore.class})
    public interface InOrder { }

    private RowRule() {
    }

    public static int codeOf(Class<?> group) {
        if (group == InvalidInput.class) {
            return 629;
        } else if (group == CouponMissing.class) {
            return 781;
        } else if (group == InvalidCustomer.class) {
            return 721;
        } else if (group == InvalidDate.class) {
            return 739;
        } else if (group == InvalidStore.class) {
            return 735;
        }
        throw new IllegalArgumentException("not a row rule: " + group);
    }
}
