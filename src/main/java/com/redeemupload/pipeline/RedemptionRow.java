package com.redeemupload.pipeline;

import com.redeemupload.upload.CustomerIdentifier;

import java.util.regex.Pattern;

/**
 * One data row, its fields taken from their mapped columns and trimmed, with rules 1 to 5 as its constraint
 * ({@link RowRuleCheck}, checked by {@link RowChecks}); each rule's account of what is wrong is here.
 * The customer and coupon are named by the column the contract's precedence picks (a non-empty userId or
 * couponId wins). A key whose column the row lacks is null; an unmapped optional key is null too.
 */
@RowRuleCheck
public final class RedemptionRow {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s,;]+@[^@\\s,;]+\\.[^@\\s,;.]+");

    private final long line;
    private final CustomerIdentifier customerIdentifier;
    private final String customerKey;
    private final boolean couponById;
    private final String couponKey;
    private final String redeemedDate;
    private final String redeemedAt;
    private final String billId;
    private final String billNumber;
    private final String details;
    private final String missingColumn;
    private final String overlongField;
    private final long latestAcceptedDate;

    RedemptionRow(long line, CustomerIdentifier customerIdentifier, String customerKey, boolean couponById,
                  String couponKey, String redeemedDate, String redeemedAt, String billId, String billNumber,
                  String details, String missingColumn, String overlongField, long latestAcceptedDate) {
        this.line = line;
        this.customerIdentifier = customerIdentifier;
        this.customerKey = customerKey;
        this.couponById = couponById;
        this.couponKey = couponKey;
        this.redeemedDate = redeemedDate;
        this.redeemedAt = redeemedAt;
        this.billId = billId;
        this.billNumber = billNumber;
        this.details = details;
        this.missingColumn = missingColumn;
        this.overlongField = overlongField;
        this.latestAcceptedDate = latestAcceptedDate;
    }

    String invalidInput() {
        if (missingColumn != null) {
            return "Invalid input: the row is too short: " + missingColumn;
        }
        return overlongField == null ? null : "Invalid input: a field is over 255 characters: " + overlongField;
    }

    String couponMissing() {
        if (isEmpty(couponKey)) {
            return "Either coupon ID or coupon code is missing: the coupon column is empty";
        }
        return couponById && !isPositiveLong(couponKey)
                ? "Either coupon ID or coupon code is missing: couponId must be a positive integer" + got(couponKey) : null;
    }

    String invalidCustomer() {
        if (isEmpty(customerKey)) {
            return "Invalid customer: the customer column is empty";
        }
        return switch (customerIdentifier) {
            case MOBILE -> isMobile(customerKey) ? null
                    : "Invalid customer: mobile must be 8 to 15 digits, a leading + allowed" + got(customerKey);
            case EMAIL -> EMAIL.matcher(customerKey).matches() ? null
                    : "Invalid customer: email must be an address such as name@example.com" + got(customerKey);
            case USER_ID -> isPositiveLong(customerKey) ? null
                    : "Invalid customer: userId must be a positive integer" + got(customerKey);
            case EXTERNAL_ID -> null;
        };
    }

    String invalidDate() {
        if (isEmpty(redeemedDate)) {
            return "Redemption date invalid: redeemedDateInMillis is empty";
        }
        if (!isPositiveLong(redeemedDate)) {
            return "Redemption date invalid: redeemedDateInMillis must be epoch milliseconds, an integer greater than 0"
                    + got(redeemedDate);
        }
        return Long.parseLong(redeemedDate) <= latestAcceptedDate ? null
                : "Redemption date invalid: redeemedDateInMillis is in the future (more than the allowed clock skew after now)";
    }

    String invalidStore() {
        if (isEmpty(redeemedAt)) {
            return "Invalid store: redeemedAt is empty";
        }
        return isPositiveLong(redeemedAt) ? null : "Invalid store: redeemedAt must be a positive integer (a till id)" + got(redeemedAt);
    }

    private static boolean isEmpty(String value) {
        return value == null || value.isEmpty();
    }

    // Digits are checked by hand rather than with regular expressions, which took a fifth of the staging threads' time.

    /** 1 to 18 digits, the first not 0: a positive integer that fits a bigint. */
    private static boolean isPositiveLong(String value) {
        return !value.isEmpty() && value.length() <= 18 && value.charAt(0) != '0' && digitsFrom(value, 0);
    }

    /** 8 to 15 digits, a leading + allowed. */
    private static boolean isMobile(String value) {
        int from = value.startsWith("+") ? 1 : 0;
        int digits = value.length() - from;
        return digits >= 8 && digits <= 15 && digitsFrom(value, from);
    }

    private static boolean digitsFrom(String value, int from) {
        for (int i = from; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static String got(String value) {
        return "; got '" + value + "'";
    }

    // the fields, as staged

    public String getCustomerKey() {
        return customerKey;
    }

    public String getCouponKey() {
        return couponKey;
    }

    public String getRedeemedDateInMillis() {
        return redeemedDate;
    }

    public String getRedeemedAt() {
        return redeemedAt;
    }

    public long line() {
        return line;
    }

    public CustomerIdentifier customerIdentifier() {
        return customerIdentifier;
    }

    public boolean couponById() {
        return couponById;
    }

    public String billId() {
        return billId;
    }

    public String billNumber() {
        return billNumber;
    }

    public String details() {
        return details;
    }
}
