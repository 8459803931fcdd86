package com.redeemupload.db;

/**
 * Where the database is: {@code url} empty means the embedded PostgreSQL in {@code embeddedDataDir}.
 * {@code connectTimeoutMs} bounds how long anything waits for a connection (from the pool or a new one) before it
 * fails, so a database that is gone is answered at once rather than after the pool's 30 s.
 */
public record DatabaseSettings(String url, String user, String password, int poolSize,
                               String embeddedDataDir, int embeddedPort, long connectTimeoutMs) {
}
