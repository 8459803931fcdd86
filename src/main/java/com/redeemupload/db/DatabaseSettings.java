package com.redeemupload.db;

/** Where the database is: {@code url} empty means the embedded PostgreSQL in {@code embeddedDataDir}. */
public record DatabaseSettings(String url, String user, String password, int poolSize,
                               String embeddedDataDir, int embeddedPort) {
}
