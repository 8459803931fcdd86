package com.redeemupload.job;

/** The way a file came in. */
public enum JobSource {
    HTTP, INBOX, SFTP, ROUTE
}
