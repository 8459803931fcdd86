package com.redeemupload.job;

import com.redeemupload.upload.ColumnMapping;
import com.redeemupload.upload.CouponIdentifier;
import com.redeemupload.upload.CustomerIdentifier;

/** One row of {@code upload_job}: an uploaded file and how far its processing has got. */
public record Job(
        long jobId,
        long orgId,
        long seriesId,
        JobStatus status,
        JobSource source,
        long createdOn,
        long updatedOn,
        String fileName,
        CustomerIdentifier customerIdentifier,
        CouponIdentifier couponIdentifier,
        ColumnMapping columnMapping,
        boolean hasHeaderRow,
        String details,
        long actualRowCount,
        long totalUploadedCount,
        long errorCount,
        long processedCount,
        String uploadTableName,
        String failureReason,
        boolean hasSuccessFile,
        boolean hasErrorFile,
        int attempts) {

    /** The job's staging table; the name is made only of the job id, so it is safe to put into SQL. */
    public String stagingTable() {
        return "staging.job_" + jobId;
    }
}
