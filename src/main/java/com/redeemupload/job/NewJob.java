package com.redeemupload.job;

import com.redeemupload.upload.ColumnMapping;
import com.redeemupload.upload.CouponIdentifier;
import com.redeemupload.upload.CustomerIdentifier;

/**
 * What every way in knows about a file once it is stored: enough to queue a job for it.
 *
 * @param intakeKey for a watched-folder file, what tells it from any other file there (its path, size and time), so
 *                  that it becomes one job however often it is read; null for the other ways in
 */
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
        String details,
        String intakeKey) {
}
