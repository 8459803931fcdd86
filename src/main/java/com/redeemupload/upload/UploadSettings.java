package com.redeemupload.upload;

/** How to read one uploaded file: the settings every way in (HTTP, inbox, route) must settle before a job exists. */
public record UploadSettings(
        CustomerIdentifier customerIdentifier,
        CouponIdentifier couponIdentifier,
        ColumnMapping columnMapping,
        boolean hasHeaderRow,
        String details) {
}
