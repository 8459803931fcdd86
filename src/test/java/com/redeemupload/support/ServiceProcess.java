package com.redeemupload.support;

import com.redeemupload.Application;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * The service in a JVM of its own, started as the README starts it (its own embedded PostgreSQL, data in a folder
 * of its own), for what the shared test JVM cannot survive or show: the database killed under it, the process
 * ending. Its output goes to {@code service.log} in its folder.
 */
public final class ServiceProcess implements AutoCloseable {

    public final Path work;
    private final int port;
    private final Process process;

    private ServiceProcess(Path work, int port, Process process) {
        this.work = work;
        this.port = port;
        this.process = process;
    }

    /** Starts it on {@code work} (kept between starts: the same data) and waits until its health is UP. */
    public static ServiceProcess start(Path work, List<String> jvmOptions, Map<String, String> properties) throws Exception {
        int port = freePort();
        Map<String, String> all = new LinkedHashMap<>();
        all.put("redeem.db.url", "");
        all.put("redeem.db.embedded.data-dir", work.resolve("postgres").toString());
        all.put("redeem.db.embedded.port", Integer.toString(freePort()));
        all.put("redeem.db.pool-size", "5");
        all.put("redeem.http.port", Integer.toString(port));
        all.put("camel.server.fileUploadDirectory", work.resolve("uploads").toString());
        all.put("redeem.files.dir", work.resolve("files").toString());
        all.put("redeem.inbox.dir", work.resolve("inbox").toString());
        all.put("redeem.outbox.dir", work.resolve("outbox").toString());
        all.put("redeem.bootstrap.api-key-file", work.resolve("first-api-key.txt").toString());
        all.put("redeem.jobs.poll-interval-ms", "200");
        all.putAll(properties);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Xmx256m"));
        command.addAll(jvmOptions);
        all.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add(Application.class.getName());
        Files.createDirectories(work);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("service.log").toFile()));
        builder.environment().keySet().removeIf(name -> name.startsWith("REDEEM_") || name.startsWith("CAMEL_"));
        ServiceProcess service = new ServiceProcess(work, port, builder.start());
        try {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                    .until(() -> !service.process.isAlive() || service.healthStatus() == 200);
            if (!service.process.isAlive()) {
                throw new AssertionError("the service ended as it started (exit " + service.process.exitValue() + "):\n" + service.log());
            }
        } catch (RuntimeException | AssertionError e) {
            service.close();
            throw e;
        }
        return service;
    }

    public String url(String path) {
        return "http://localhost:" + port + path;
    }

    public Http api() throws IOException {
        return new Http(Files.readString(work.resolve("first-api-key.txt")).trim());
    }

    /** The HTTP status of /observe/health: 200 UP, 503 DOWN; 0 when it does not answer. */
    public int healthStatus() {
        try {
            return new Http(null).get(url("/observe/health")).status();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    public Process process() {
        return process;
    }

    public Path dataDir() {
        return work.resolve("postgres");
    }

    /** The embedded PostgreSQL's postmaster, from its pid file. */
    public long postmasterPid() throws IOException {
        return Long.parseLong(Files.readAllLines(dataDir().resolve("postmaster.pid")).get(0).trim());
    }

    public int databasePort() throws IOException {
        return Integer.parseInt(Files.readAllLines(dataDir().resolve("postmaster.pid")).get(3).trim());
    }

    public String databasePassword() throws IOException {
        return Files.readString(dataDir().resolve("redeem-db-password")).trim();
    }

    public String log() {
        try {
            return Files.readString(work.resolve("service.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Ends the process (kill -9 if it is still there) and whatever PostgreSQL it left running. */
    @Override
    public void close() throws Exception {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        Path pidFile = dataDir().resolve("postmaster.pid");
        if (Files.exists(pidFile)) {
            ProcessHandle.of(postmasterPid()).filter(ProcessHandle::isAlive)
                    .ifPresent(p -> p.destroy());   // SIGTERM: PostgreSQL's smart shutdown, no client is left
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
