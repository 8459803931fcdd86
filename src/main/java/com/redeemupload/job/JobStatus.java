package com.redeemupload.job;

/** A job's life: QUEUED, then PROCESSING, then COMPLETED or FAILED. */
public enum JobStatus {
    QUEUED, PROCESSING, COMPLETED, FAILED
}
