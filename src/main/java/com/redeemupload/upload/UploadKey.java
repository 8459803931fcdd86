package com.redeemupload.upload;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The column names a file can be mapped with: the keys of {@code uploadHeaders}, and of a header row. */
public enum UploadKey {
    MOBILE("mobile"),
    EMAIL("email"),
    EXTERNAL_ID("externalId"),
    USER_ID("userId"),
    COUPON_CODE("couponCode"),
    COUPON_ID("couponId"),
    REDEEMED_DATE("redeemedDateInMillis"),
    REDEEMED_AT("redeemedAt"),
    BILL_ID("billId"),
    BILL_NUMBER("billNumber"),
    DETAILS("details");

    private static final Map<String, UploadKey> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(UploadKey::key, Function.identity()));
    private static final Map<String, UploadKey> BY_LOWER_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(k -> k.key().toLowerCase(Locale.ROOT), Function.identity()));

    private final String key;

    UploadKey(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static Optional<UploadKey> byKey(String key) {
        return Optional.ofNullable(BY_NAME.get(key));
    }

    /** Header rows are written by people: their names match without regard to case or surrounding spaces. */
    public static Optional<UploadKey> byHeaderName(String name) {
        return Optional.ofNullable(BY_LOWER_NAME.get(name.trim().toLowerCase(Locale.ROOT)));
    }

    public static String allKeys() {
        return Arrays.stream(values()).map(UploadKey::key).collect(Collectors.joining(", "));
    }
}
