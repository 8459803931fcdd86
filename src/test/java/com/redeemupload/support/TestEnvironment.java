package com.redeemupload.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the whole test run shares, started once per JVM (Surefire runs every class in one JVM): an embedded
 * PostgreSQL in a fresh folder, a free HTTP port and folders for files. Handed to each Camel context as system
 * properties, which override config/application.properties, so the service under test is configured the way an
 * operator configures an external database.
 */
public final class TestEnvironment {

    public static final String ADMIN_TOKEN = "test-admin-token";

    private static EmbeddedPostgres postgres;
    private static int httpPort;

    private TestEnvironment() {
    }

    public static synchronized void start() {
        if (postgres != null) {
            return;
        }
        try {
            Path work = Files.createTempDirectory("redeem-test-");
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(work.resolve("postgres"))
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", "off")          // a test database need not survive power loss
                    .start();
            httpPort = freePort();
            System.setProperty("redeem.db.url", postgres.getJdbcUrl("postgres", "postgres"));
            System.setProperty("redeem.db.user", "postgres");
            System.setProperty("redeem.db.pool-size", "10");
            System.setProperty("camel.server.port", Integer.toString(httpPort));
            System.setProperty("camel.server.fileUploadDirectory", work.resolve("uploads").toString());
            System.setProperty("redeem.http.public-url", baseUrl());
            System.setProperty("redeem.http.unfinished-upload-grace-ms", "1000");   // no network filesystem here
            System.setProperty("redeem.http.stalled-body-timeout-ms", "5000");   // far above a test JVM's pauses
            System.setProperty("redeem.files.dir", work.resolve("files").toString());
            System.setProperty("redeem.admin.token", ADMIN_TOKEN);
            System.setProperty("redeem.jobs.poll-interval-ms", "200");
            // small chunks, so that even small test files cross chunk boundaries
            System.setProperty("redeem.jobs.chunk-size", "7");
            System.setProperty("redeem.inbox.dir", work.resolve("inbox").toString());
            System.setProperty("redeem.outbox.dir", work.resolve("outbox").toString());
            System.setProperty("redeem.inbox.poll-ms", "200");
            System.setProperty("redeem.inbox.settle-ms", "1000");   // far above the pause between a slow writer's writes
            System.setProperty("redeem.jobs.events-uri", "mock:job-events");
            System.setProperty("redeem.cluster.check-ms", "300");   // a standby takes the lead soon after it is free
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is going away
                }
            }));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String baseUrl() {
        return "http://localhost:" + httpPort;
    }

    public static Path inbox() {
        return Path.of(System.getProperty("redeem.inbox.dir"));
    }

    public static Path outbox() {
        return Path.of(System.getProperty("redeem.outbox.dir"));
    }

    public static String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
