package com.redeemupload.pipeline;

import com.redeemupload.upload.ColumnMapping;
import com.redeemupload.upload.CouponIdentifier;
import com.redeemupload.upload.CustomerIdentifier;
import com.redeemupload.upload.UploadKey;

import java.util.List;

/** Turns a CSV record into a {@link RedemptionRow} through the job's column mapping. */
public final class RowMapper {

    static final int MAX_FIELD_LENGTH = 255;

    private static final UploadKey[] KEYS = UploadKey.values();

    private final int[] columnOf = new int[KEYS.length];   // by key ordinal, -1 when not mapped: read for every field
    private final CustomerIdentifier customerIdentifier;
    private final CouponIdentifier couponIdentifier;
    private final List<UploadKey> requiredKeys;

    public RowMapper(ColumnMapping mapping, CustomerIdentifier customerIdentifier, CouponIdentifier couponIdentifier) {
        for (UploadKey key : KEYS) {
            columnOf[key.ordinal()] = mapping.column(key).orElse(-1);
        }
        this.customerIdentifier = customerIdentifier;
        this.couponIdentifier = couponIdentifier;
        this.requiredKeys = List.of(customerIdentifier.column(), couponIdentifier.column(),
                UploadKey.REDEEMED_DATE, UploadKey.REDEEMED_AT);
    }

    public RedemptionRow map(CsvRecord record, long latestAcceptedDate) {
        List<String> fields = record.fields();
        String missing = null;
        for (UploadKey key : requiredKeys) {
            int column = columnOf[key.ordinal()];
            if (column >= fields.size()) {
                missing = key.key() + " is mapped to column " + column + " (0-based) but the row has only "
                        + fields.size() + (fields.size() == 1 ? " column" : " columns");
                break;
            }
        }
        // each key's trimmed field, null when the key is not mapped or the row is shorter than its column
        String[] values = new String[KEYS.length];
        String overlong = null;
        for (UploadKey key : KEYS) {
            int column = columnOf[key.ordinal()];
            if (column >= 0 && column < fields.size()) {
                String value = fields.get(column).trim();
                values[key.ordinal()] = value;
                if (overlong == null && value.length() > MAX_FIELD_LENGTH) {
                    overlong = key.key() + " has " + value.length() + " characters; at most " + MAX_FIELD_LENGTH + " are accepted";
                }
            }
        }

        CustomerIdentifier customerBy = customerIdentifier;
        String customerKey = values[customerIdentifier.column().ordinal()];
        String userId = values[UploadKey.USER_ID.ordinal()];
        if (userId != null && !userId.isEmpty()) {
            customerBy = CustomerIdentifier.USER_ID;   // a non-empty userId names the customer, whatever was chosen
            customerKey = userId;
        }

        boolean couponById = couponIdentifier == CouponIdentifier.COUPON_ID;
        String couponKey = values[couponIdentifier.column().ordinal()];
        String couponId = values[UploadKey.COUPON_ID.ordinal()];
        String couponCode = values[UploadKey.COUPON_CODE.ordinal()];
        if (couponId != null && !couponId.isEmpty()) {
            couponById = true;                          // a non-empty couponId wins over couponCode
            couponKey = couponId;
        } else if (couponById && couponCode != null && !couponCode.isEmpty()) {
            couponById = false;
            couponKey = couponCode;
        }

        return new RedemptionRow(record.line(), customerBy, customerKey, couponById, couponKey,
                values[UploadKey.REDEEMED_DATE.ordinal()], values[UploadKey.REDEEMED_AT.ordinal()],
                values[UploadKey.BILL_ID.ordinal()], values[UploadKey.BILL_NUMBER.ordinal()],
                values[UploadKey.DETAILS.ordinal()], missing, overlong, latestAcceptedDate);
    }
}
