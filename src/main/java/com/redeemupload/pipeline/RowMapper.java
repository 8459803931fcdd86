package com.redeemupload.pipeline;

import com.redeemupload.upload.ColumnMapping;
import com.redeemupload.upload.CouponIdentifier;
import com.redeemupload.upload.CustomerIdentifier;
import com.redeemupload.upload.UploadKey;

import java.util.List;
import java.util.OptionalInt;

/** Turns a CSV record into a {@link RedemptionRow} through the job's column mapping. */
public final class RowMapper {

    static final int MAX_FIELD_LENGTH = 255;

    private final ColumnMapping mapping;
    private final CustomerIdentifier customerIdentifier;
    private final CouponIdentifier couponIdentifier;
    private final List<UploadKey> requiredKeys;

    public RowMapper(ColumnMapping mapping, CustomerIdentifier customerIdentifier, CouponIdentifier couponIdentifier) {
        this.mapping = mapping;
        this.customerIdentifier = customerIdentifier;
        this.couponIdentifier = couponIdentifier;
        this.requiredKeys = List.of(customerIdentifier.column(), couponIdentifier.column(),
                UploadKey.REDEEMED_DATE, UploadKey.REDEEMED_AT);
    }

    public RedemptionRow map(CsvRecord record, long latestAcceptedDate) {
        List<String> fields = record.fields();
        String missing = null;
        for (UploadKey key : requiredKeys) {
            int column = mapping.column(key).orElseThrow();
            if (column >= fields.size()) {
                missing = key.key() + " is mapped to column " + column + " (0-based) but the row has only "
                        + fields.size() + (fields.size() == 1 ? " column" : " columns");
                break;
            }
        }
        String overlong = null;
        for (UploadKey key : UploadKey.values()) {
            String value = value(fields, key);
            if (value != null && value.length() > MAX_FIELD_LENGTH) {
                overlong = key.key() + " has " + value.length() + " characters; at most " + MAX_FIELD_LENGTH + " are accepted";
                break;
            }
        }

        CustomerIdentifier customerBy = customerIdentifier;
        String customerKey = value(fields, customerIdentifier.column());
        String userId = value(fields, UploadKey.USER_ID);
        if (userId != null && !userId.isEmpty()) {
            customerBy = CustomerIdentifier.USER_ID;   // a non-empty userId names the customer, whatever was chosen
            customerKey = userId;
        }

        boolean couponById = couponIdentifier == CouponIdentifier.COUPON_ID;
        String couponKey = value(fields, couponIdentifier.column());
        String couponId = value(fields, UploadKey.COUPON_ID);
        String couponCode = value(fields, UploadKey.COUPON_CODE);
        if (couponId != null && !couponId.isEmpty()) {
            couponById = true;                          // a non-empty couponId wins over couponCode
            couponKey = couponId;
        } else if (couponById && couponCode != null && !couponCode.isEmpty()) {
            couponById = false;
            couponKey = couponCode;
        }

        return new RedemptionRow(record, customerBy, customerKey, couponById, couponKey,
                value(fields, UploadKey.REDEEMED_DATE), value(fields, UploadKey.REDEEMED_AT),
                value(fields, UploadKey.BILL_ID), value(fields, UploadKey.BILL_NUMBER), value(fields, UploadKey.DETAILS),
                missing, overlong, latestAcceptedDate);
    }

    /** The trimmed field of a key; null when the key is not mapped or the row is shorter than its column. */
    private String value(List<String> fields, UploadKey key) {
        OptionalInt column = mapping.column(key);
        if (column.isEmpty() || column.getAsInt() >= fields.size()) {
            return null;
        }
        return fields.get(column.getAsInt()).trim();
    }
}
