package com.redeemupload.job;

import com.redeemupload.upload.ColumnMapping;
import com.redeemupload.upload.CouponIdentifier;
import com.redeemupload.upload.CustomerIdentifier;

/** What every way in knows about a file once it is stored: enough to queue a job for it. */
public record NewJob(
        long jobId,
        long orgId,
        long seriesId,
        JobSource source,
        long createdOn,
        String fileName,
        CustomerIdentifier customerIdentifier,
        CouponIdentifier couponIdentifier,
        ColumnMapping columnMapping,
        boolean hasHeaderRow,
        String details) {
}
