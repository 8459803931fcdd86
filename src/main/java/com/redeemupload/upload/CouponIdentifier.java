package com.redeemupload.upload;

import java.util.Arrays;
import java.util.stream.Collectors;

/** How rows name the coupon (form field {@code couponIdentifier}), and the column that carries it. */
public enum CouponIdentifier {
    COUPON_CODE(UploadKey.COUPON_CODE),
    COUPON_ID(UploadKey.COUPON_ID);

    private final UploadKey column;

    CouponIdentifier(UploadKey column) {
        this.column = column;
    }

    public UploadKey column() {
        return column;
    }

    public static CouponIdentifier parse(String value) {
        try {
            return valueOf(value.trim());
        } catch (IllegalArgumentException e) {
            throw new UploadRequestException("couponIdentifier", "'" + value + "' is not one of " + names());
        }
    }

    public static String names() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
