package com.redeemupload.upload;

import java.util.Arrays;
import java.util.stream.Collectors;

/** How rows name the customer (form field {@code customerIdentifier}), and the column that carries it. */
public enum CustomerIdentifier {
    MOBILE(UploadKey.MOBILE, "M"),
    EMAIL(UploadKey.EMAIL, "E"),
    EXTERNAL_ID(UploadKey.EXTERNAL_ID, "X"),
    USER_ID(UploadKey.USER_ID, "U");

    private final UploadKey column;
    private final String code;

    CustomerIdentifier(UploadKey column, String code) {
        this.column = column;
        this.code = code;
    }

    /** How staged rows and set-based look-ups name the identifier (a letter, cheap to store and compare). */
    public String code() {
        return code;
    }

    public UploadKey column() {
        return column;
    }

    public static CustomerIdentifier parse(String value) {
        try {
            return valueOf(value.trim());
        } catch (IllegalArgumentException e) {
            throw new UploadRequestException("customerIdentifier", "'" + value + "' is not one of " + names());
        }
    }

    public static String names() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
