package com.redeemupload.pipeline;

import com.redeemupload.pipeline.RowRule.CouponMissing;
import com.redeemupload.pipeline.RowRule.InvalidCustomer;
import com.redeemupload.pipeline.RowRule.InvalidDate;
import com.redeemupload.pipeline.RowRule.InvalidInput;
import com.redeemupload.pipeline.RowRule.InvalidStore;
import com.redeemupload.upload.CustomerIdentifier;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Null;
import jakarta.validation.constraints.Pattern;

import java.util.List;

/**
 * One data row, its fields taken from their mapped columns and trimmed, with rules 1 to 5 as constraints.
 * The customer and coupon are named by the column the contract's precedence picks (a non-empty userId or
 * couponId wins). A key whose column the row lacks is null; an unmapped optional key is null too.
 */
public final class RedemptionRow {

    static final String POSITIVE_LONG = "[1-9][0-9]{0,17}";   // up to 18 digits: always fits a bigint
    private static final java.util.regex.Pattern POSITIVE_LONG_PATTERN = java.util.regex.Pattern.compile(POSITIVE_LONG);

    private final CsvRecord record;
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

    RedemptionRow(CsvRecord record, CustomerIdentifier customerIdentifier, String customerKey, boolean couponById,
                  String couponKey, String redeemedDate, String redeemedAt, String billId, String billNumber,
                  String details, String missingColumn, String overlongField, long latestAcceptedDate) {
        this.record = record;
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

    // rule 1

    @Null(groups = InvalidInput.class, message = "Invalid input: the row is too short")
    public String getMissingColumn() {
        return missingColumn;
    }

    @Null(groups = InvalidInput.class, message = "Invalid input: a field is over 255 characters")
    public String getOverlongField() {
        return overlongField;
    }

    // rule 2

    @NotEmpty(groups = CouponMissing.class, message = "Either coupon ID or coupon code is missing: the coupon column is empty")
    public String getCouponKey() {
        return couponKey;
    }

    @Pattern(groups = CouponMissing.class, regexp = POSITIVE_LONG,
            message = "Either coupon ID or coupon code is missing: couponId must be a positive integer")
    public String getCouponId() {
        return couponById ? couponKey : null;
    }

    // rule 3

    @NotEmpty(groups = InvalidCustomer.class, message = "Invalid customer: the customer column is empty")
    public String getCustomerKey() {
        return customerKey;
    }

    @Pattern(groups = InvalidCustomer.class, regexp = "\\+?[0-9]{8,15}",
            message = "Invalid customer: mobile must be 8 to 15 digits, a leading + allowed")
    public String getMobile() {
        return customerIdentifier == CustomerIdentifier.MOBILE ? customerKey : null;
    }

    @Pattern(groups = InvalidCustomer.class, regexp = "[^@\\s,;]+@[^@\\s,;]+\\.[^@\\s,;.]+",
            message = "Invalid customer: email must be an address such as name@example.com")
    public String getEmail() {
        return customerIdentifier == CustomerIdentifier.EMAIL ? customerKey : null;
    }

    @Pattern(groups = InvalidCustomer.class, regexp = POSITIVE_LONG,
            message = "Invalid customer: userId must be a positive integer")
    public String getUserId() {
        return customerIdentifier == CustomerIdentifier.USER_ID ? customerKey : null;
    }

    // rule 4

    @NotEmpty(groups = InvalidDate.class, message = "Redemption date invalid: redeemedDateInMillis is empty")
    @Pattern(groups = InvalidDate.class, regexp = POSITIVE_LONG,
            message = "Redemption date invalid: redeemedDateInMillis must be epoch milliseconds, an integer greater than 0")
    public String getRedeemedDateInMillis() {
        return redeemedDate;
    }

    @AssertTrue(groups = InvalidDate.class,
            message = "Redemption date invalid: redeemedDateInMillis is in the future (more than the allowed clock skew after now)")
    public boolean isRedeemedDateNotInFuture() {
        return redeemedDate == null || !POSITIVE_LONG_PATTERN.matcher(redeemedDate).matches() || Long.parseLong(redeemedDate) <= latestAcceptedDate;
    }

    // rule 5

    @NotEmpty(groups = InvalidStore.class, message = "Invalid store: redeemedAt is empty")
    @Pattern(groups = InvalidStore.class, regexp = POSITIVE_LONG, message = "Invalid store: redeemedAt must be a positive integer (a till id)")
    public String getRedeemedAt() {
        return redeemedAt;
    }

    // the rest, as staged

    public long line() {
        return record.line();
    }

    public List<String> fields() {
        return record.fields();
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
