package com.redeemupload.upload;

import java.util.Arrays;
import java.util.stream.Collectors;

/** How rows name the customer (form field {@code customerIdentifier}), and the column that carries it. */
public enum CustomerIdentifier {
    MOBILE(UploadKey.MOBILE),
    EMAIL(UploadKey.EMAIL),
    EXTERNAL_ID(UploadKey.EXTERNAL_ID),
    USER_ID(UploadKey.USER_ID);

    private final UploadKey column;

    CustomerIdentifier(UploadKey column) {
        this.column = column;
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
