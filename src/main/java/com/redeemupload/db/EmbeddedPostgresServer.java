package com.redeemupload.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The embedded PostgreSQL used when no external database is configured. Its data folder is kept between runs.
 * <p>
 * A service killed with {@code kill -9} leaves its postmaster running (zonky starts it as a daemon), holding the
 * data folder. Before starting, such an orphan is shut down cleanly (fast shutdown: committed data is on disk),
 * so the same start command always works again.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final Duration ORPHAN_SHUTDOWN_WAIT = Duration.ofSeconds(60);
    static final String USER = "postgres";

    private final EmbeddedPostgres postgres;
    private final Path dataDir;
    private final String password;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDir, String password) {
        this.postgres = postgres;
        this.dataDir = dataDir;
        this.password = password;
    }

    /**
     * Starts PostgreSQL on the data folder (made on the first start) and has it ask for the password kept there,
     * made on the first start too; a folder of an earlier version, which trusted every local user, is moved to it.
     */
    public static EmbeddedPostgresServer start(Path dataDir, int port) throws IOException {
        Files.createDirectories(dataDir);
        stopOrphanedPostmaster(dataDir);
        Optional<String> known = EmbeddedPostgresPassword.read(dataDir);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                // zonky is made for tests and turns durability off (fsync, synchronous_commit): this is the
                // service's database, and a committed job must survive a crash or a power loss
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("max_connections", "200")
                .setServerConfig("shared_buffers", "256MB")
                .setServerConfig("max_wal_size", "2GB")
                // a job writes about 500 bytes of WAL per redemption; with the default (8MB here) concurrent jobs
                // fill the buffers and wait on each other to write them out
                .setServerConfig("wal_buffers", "64MB")
                // parallel workers for all jobs together, not per query: with several jobs at once, more workers than
                // cores only take turns (and wait on each other at a parallel hash join's barriers)
                .setServerConfig("max_parallel_workers", Integer.toString(Runtime.getRuntime().availableProcessors()))
                .setPGStartupWait(Duration.ofSeconds(60));
        known.ifPresent(p -> builder.setConnectConfig("password", p));   // zonky's own readiness check logs in
        if (port > 0) {
            builder.setPort(port);
        }
        EmbeddedPostgres postgres = builder.start();
        String password;
        try {
            password = known.isPresent() ? known.get() : EmbeddedPostgresPassword.create(dataDir);
            EmbeddedPostgresPassword.require(dataDir, postgres.getPort(), USER, password);
        } catch (IOException | RuntimeException e) {
            postgres.close();
            throw e;
        }
        LOG.info("Embedded PostgreSQL on port {}, data in {}", postgres.getPort(), dataDir.toAbsolutePath());
        return new EmbeddedPostgresServer(postgres, dataDir, password);
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
    }

    public String user() {
        return USER;
    }

    public String password() {
        return password;
    }

    public int port() {
        return postgres.getPort();
    }

    /** Whether the postmaster of this data folder still runs; it may have been killed, or crashed. */
    public boolean isRunning() {
        return postmaster(dataDir).isPresent();
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }

    private static Optional<ProcessHandle> postmaster(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(pidFile);
            if (lines.isEmpty() || lines.get(0).isBlank()) {
                return Optional.empty();
            }
            return ProcessHandle.of(Long.parseLong(lines.get(0).trim()))
                    .filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();   // being written or removed: PostgreSQL's own start decides
        }
    }

    static void stopOrphanedPostmaster(Path dataDir) throws IOException {
        Optional<ProcessHandle> process = postmaster(dataDir);
        if (process.isEmpty()) {
            return; // none, or a stale pid file: PostgreSQL itself handles that on start
        }
        long pid = process.get().pid();
        LOG.warn("An embedded PostgreSQL (pid {}) left running by an earlier run holds {}: shutting it down", pid, dataDir);
        try {
            // SIGINT is PostgreSQL's "fast shutdown": clients are disconnected, everything committed stays.
            new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start().waitFor();
            Instant deadline = Instant.now().plus(ORPHAN_SHUTDOWN_WAIT);
            while (process.get().isAlive() && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping the orphaned PostgreSQL " + pid, e);
        }
        if (process.get().isAlive()) {
            throw new IOException("the PostgreSQL left running with pid " + pid + " did not stop within "
                    + ORPHAN_SHUTDOWN_WAIT.toSeconds() + " s; stop it by hand, then start again");
        }
    }
}
