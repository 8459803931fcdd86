package com.redeemupload.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.postgresql.PGConnection;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark (a command, not a test): generates a registry and an N-row file, starts the service as a user
 * would (its own JVM, embedded PostgreSQL in a fresh folder, or an external one), uploads the file over HTTP,
 * waits for COMPLETED, then COPYs the same file into an unindexed text table of the same PostgreSQL for the floor.
 * <pre>
 * ./mvnw -q test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=com.redeemupload.bench.RedemptionBenchmark -Dexec.args="--rows 1000000 --heap 512m"
 * </pre>
 * Options: --rows N (default 100000), --heap SIZE (service -Xmx, default 512m), --jobs N (N jobs of rows/N rows on
 * N series, run one after another and then uploaded all at once, which the service works on redeem.jobs.workers at a
 * time, as configured for users; default 1), --db-url JDBC URL (external PostgreSQL;
 * user/password from --db-user/--db-password), --jfr (record the service with Java Flight Recorder into the work
 * folder), --keep (keep the work folder), --warmup N (rows of a job run first, on a series of its own, and not
 * measured; default 100000, 0 for none), --repeat N (measure N times, each on series of their own, and print the
 * median ratio too: runs on a shared VM vary by 10 to 20 %), --scenarios LIST (after the plain file, the skewed
 * files and the re-upload loop of {@link SkewedScenarios}, comma-separated, or "all").
 * <p>
 * Each measured run also prints how busy the whole machine's cores were meanwhile ({@link MachineCpu}): a run whose
 * cores were nearly all busy can only go faster by doing less work, not by overlapping more. A single job's run
 * also prints the service JVM's own CPU and its JIT compiler's part of it ({@link ServiceCpu}).
 * <p>
 * The warm-up job is there because the service is started fresh: its first job also pays for the JIT compiler
 * compiling the code it runs (about 2.5 core-seconds on a 1M-row file, on the same two cores), which a running
 * service has long paid. Its time is printed too, so the cold figure is not hidden. It does not pay for all of it:
 * the compiler still takes about 1.3 core-seconds during a measured 1M-row job (README, Performance).
 */
public final class RedemptionBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    static final String ADMIN = "bench-admin-token";
    private static final int REGISTRY_BATCH = 50_000;

    public static void main(String[] args) throws Exception {
        long rows = 100_000;
        String heap = "512m";
        String dbUrl = "";
        String dbUser = "postgres";
        String dbPassword = "";
        boolean keep = false;
        boolean jfr = false;
        int jobs = 1;
        long warmupRows = 100_000;
        int repeat = 1;
        List<String> scenarios = List.of();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rows" -> rows = Long.parseLong(args[++i].replace("_", ""));
                case "--heap" -> heap = args[++i];
                case "--db-url" -> dbUrl = args[++i];
                case "--db-user" -> dbUser = args[++i];
                case "--db-password" -> dbPassword = args[++i];
                case "--keep" -> keep = true;
                case "--jfr" -> {
                    jfr = true;
                    keep = true;
                }
                case "--jobs" -> jobs = Integer.parseInt(args[++i]);
                case "--warmup" -> warmupRows = Long.parseLong(args[++i].replace("_", ""));
                case "--repeat" -> repeat = Integer.parseInt(args[++i]);
                case "--scenarios" -> scenarios = SkewedScenarios.parse(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (jobs > 1) {
            rows = rows / jobs;   // each job's file
        }
        long customers = Math.max(1, rows / 2);
        long now = System.currentTimeMillis();
        Path work = Files.createTempDirectory("redeem-bench-");
        int httpPort = freePort();
        int dbPort = freePort();
        String base = "http://localhost:" + httpPort;
        Path file = work.resolve("redemptions.csv");

        System.out.printf("generating %,d rows (%,d customers) in %s%n", rows, customers, work);
        BenchmarkFile.write(file, rows, customers, 42, now);

        String jdbc = dbUrl.isBlank() ? "jdbc:postgresql://localhost:" + dbPort + "/postgres" : dbUrl;
        Process service = startService(work, heap, httpPort, dbPort, dbUrl, dbUser, dbPassword, jfr);
        try {
            awaitUp(base, service);
            // the embedded PostgreSQL's own, made at its first start
            String password = dbUrl.isBlank() ? Files.readString(work.resolve("postgres").resolve("redeem-db-password")).trim() : dbPassword;
            String key = createOrg(base);
            loadCustomers(base, key, customers);
            warmUp(base, key, work, Math.min(warmupRows, rows), customers, now);
            List<Double> ratios = new ArrayList<>();
            long plainJob = 0;
            double plainSeconds = 0;
            for (int run = 0; run < repeat; run++) {
                if (jobs > 1) {
                    ratios.add(concurrentJobs(base, key, jobs, file, rows, customers, now, jdbc, dbUser, password));
                } else {
                    Measured plain = oneJob(base, key, file, rows, customers, now, jdbc, dbUser, password, service.pid());
                    ratios.add(plain.seconds() / plain.copySeconds());
                    plainJob = plain.jobId();
                    plainSeconds = plain.seconds();
                }
            }
            if (!scenarios.isEmpty()) {
                long n = rows;
                String user = dbUser;
                String dbPass = password;
                new SkewedScenarios(base, key, work, rows, customers, now, jdbc, user, dbPass).run(scenarios, plainJob,
                        plainSeconds, () -> oneJob(base, key, file, n, customers, now, jdbc, user, dbPass, service.pid()));
            }
            System.out.println();
            if (repeat > 1) {
                System.out.printf("median ratio      %.2f (of %s)%n", median(ratios),
                        ratios.stream().map(r -> String.format("%.2f", r)).collect(java.util.stream.Collectors.joining(", ")));
            }
            System.out.printf("peak heap used    %s MB (-Xmx%s, from the GC log)%n", peakHeapMb(work.resolve("gc.log")), heap);
            System.out.printf("peak RSS          %,d MB%n", peakRssKb(service.pid()) / 1024);
        } finally {
            service.destroy();
            service.waitFor();
            if (!keep) {
                deleteTree(work);
            }
        }
    }

    /** A measured job: its id, its time from the upload's start to COMPLETED, and the COPY floor of its file. */
    record Measured(long jobId, double seconds, double copySeconds) {
    }

    /** One job of the file on a series of its own, and the COPY floor after it. */
    private static Measured oneJob(String base, String key, Path file, long rows, long customers, long now, String jdbc,
                                 String dbUser, String dbPassword, long servicePid) throws Exception {
        long series = createSeries(base, key, now + 100_000);
        loadCoupons(base, key, series, rows, customers, now);
        loadHistory(base, key, series, rows, customers, now);
        settle(jdbc, dbUser, dbPassword);

        MachineCpu cpu = MachineCpu.now();
        ServiceCpu serviceCpu = ServiceCpu.now(servicePid);
        long uploadStart = System.nanoTime();
        long jobId = upload(base, key, series, file);
        double uploadSeconds = (System.nanoTime() - uploadStart) / 1e9;
        JsonNode job = awaitEnd(base, key, jobId);
        double endToEndSeconds = (System.nanoTime() - uploadStart) / 1e9;
        String machine = MachineCpu.since(cpu);
        String service = ServiceCpu.since(servicePid, serviceCpu);

        double copySeconds = copySeconds(jdbc, dbUser, dbPassword, file);

        System.out.println();
        System.out.printf("status            %s (%s)%n", job.get("uploadRedeemedCouponStatus").asText(), job.get("failureReason"));
        System.out.printf("rows              %,d (redeemed %,d, refused %,d)%n", job.get("actualRowCount").asLong(),
                job.get("totalUploadedCount").asLong(), job.get("errorCount").asLong());
        System.out.printf("refused by code   %s%n", refusalsByCode(base, key, jobId));
        System.out.printf("upload seconds    %.2f (file %,d bytes)%n", uploadSeconds, Files.size(file));
        System.out.printf("process seconds   %.2f%n", endToEndSeconds - uploadSeconds);
        System.out.printf("end-to-end        %.2f s, %,.0f rows/s%n", endToEndSeconds, rows / endToEndSeconds);
        System.out.printf("machine CPU       %s%n", machine);
        System.out.printf("service CPU       %s (its JVM's threads)%n", service);
        System.out.printf("COPY seconds      %.2f%n", copySeconds);
        System.out.printf("ratio             %.1f (end-to-end / COPY)%n", endToEndSeconds / copySeconds);
        return new Measured(jobId, endToEndSeconds, copySeconds);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /**
     * N jobs on N series: one after another, then (on N other series with the same coupons) all at once, uploaded
     * side by side as N clients would.
     */
    private static double concurrentJobs(String base, String key, int jobs, Path file, long rows, long customers, long now,
                                         String jdbc, String dbUser, String dbPassword) throws Exception {
        long[] series = new long[2 * jobs];
        for (int i = 0; i < series.length; i++) {
            series[i] = createSeries(base, key, now + 100_000);
            loadCoupons(base, key, series[i], rows, customers, now);
            loadHistory(base, key, series[i], rows, customers, now);
        }
        settle(jdbc, dbUser, dbPassword);
        MachineCpu cpu = MachineCpu.now();
        long start = System.nanoTime();
        for (int i = 0; i < jobs; i++) {
            awaitEnd(base, key, upload(base, key, series[i], file));
        }
        double sequential = (System.nanoTime() - start) / 1e9;
        String sequentialMachine = MachineCpu.since(cpu);
        settle(jdbc, dbUser, dbPassword);
        cpu = MachineCpu.now();
        start = System.nanoTime();
        List<java.util.concurrent.CompletableFuture<Long>> uploads = new ArrayList<>();
        for (int i = 0; i < jobs; i++) {
            long s = series[jobs + i];
            uploads.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return upload(base, key, s, file);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        List<Long> ids = uploads.stream().map(java.util.concurrent.CompletableFuture::join).toList();
        long redeemed = 0;
        for (long id : ids) {
            redeemed += awaitEnd(base, key, id).get("totalUploadedCount").asLong();
        }
        double concurrent = (System.nanoTime() - start) / 1e9;
        String concurrentMachine = MachineCpu.since(cpu);
        System.out.println();
        System.out.printf("jobs              %d of %,d rows on %d series (redeemed %,d in the concurrent run)%n", jobs, rows, jobs, redeemed);
        System.out.printf("one after another %.2f s (machine: %s)%n", sequential, sequentialMachine);
        System.out.printf("all at once       %.2f s (machine: %s)%n", concurrent, concurrentMachine);
        System.out.printf("ratio             %.2f (at once / one after another)%n", concurrent / sequential);
        return concurrent / sequential;
    }

    /** Runs a job of {@code rows} rows of the same kind (customers already loaded) on a series of its own; not measured. */
    private static void warmUp(String base, String key, Path work, long rows, long customers, long now) throws Exception {
        if (rows == 0) {
            return;
        }
        Path file = work.resolve("warmup.csv");
        BenchmarkFile.write(file, rows, customers, 7, now);
        long series = createSeries(base, key, now + 100_000);
        loadCoupons(base, key, series, rows, customers, now);
        loadHistory(base, key, series, rows, customers, now);
        long start = System.nanoTime();
        JsonNode job = awaitEnd(base, key, upload(base, key, series, file));
        System.out.printf("warm-up job       %,d rows %s in %.2f s (the service's first job; not measured)%n", rows,
                job.get("uploadRedeemedCouponStatus").asText(), (System.nanoTime() - start) / 1e9);
    }

    private static Process startService(Path work, String heap, int httpPort, int dbPort, String dbUrl, String dbUser,
                                        String dbPassword, boolean jfr) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + heap, "-Xlog:gc:file=" + work.resolve("gc.log"),
                "-cp", classpath(),
                "-Dcamel.server.port=" + httpPort,
                "-Dcamel.server.fileUploadDirectory=" + work.resolve("uploads"),
                "-Dredeem.http.public-url=http://localhost:" + httpPort,
                "-Dredeem.files.dir=" + work.resolve("files"),
                "-Dredeem.db.embedded.data-dir=" + work.resolve("postgres"),
                "-Dredeem.db.embedded.port=" + dbPort,
                "-Dredeem.bootstrap.first-org=false",
                "-Dredeem.admin.token=" + ADMIN,
                "-Dredeem.registry.max-batch=" + REGISTRY_BATCH));
        if (!dbUrl.isBlank()) {
            command.addAll(List.of("-Dredeem.db.url=" + dbUrl, "-Dredeem.db.user=" + dbUser, "-Dredeem.db.password=" + dbPassword));
        }
        if (jfr) {
            command.add(1, "-XX:StartFlightRecording=filename=" + work.resolve("service.jfr") + ",settings=profile");
        }
        command.add("com.redeemupload.Application");
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(work.resolve("service.log").toFile()).start();
    }

    /** The project's classpath: under exec:java it is the context class loader's, not java.class.path. */
    private static String classpath() {
        if (Thread.currentThread().getContextClassLoader() instanceof java.net.URLClassLoader loader) {
            return java.util.Arrays.stream(loader.getURLs()).map(u -> {
                try {
                    return Path.of(u.toURI()).toString();
                } catch (java.net.URISyntaxException e) {
                    throw new IllegalStateException(e);
                }
            }).collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
        }
        return System.getProperty("java.class.path");
    }

    private static void awaitUp(String base, Process service) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                throw new IllegalStateException("the service stopped at start; see service.log (--keep)");
            }
            try {
                HTTP.send(HttpRequest.newBuilder(URI.create(base + "/coupon/api/v1/series")).build(), HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("the service did not start within 2 minutes");
    }

    private static String createOrg(String base) throws Exception {
        return post(base + "/coupon/api/v1/admin/orgs", ADMIN, "{\"name\": \"bench\"}").get("apiKey").asText();
    }

    static long createSeries(String base, String key, long validTill) throws Exception {
        return post(base + "/coupon/api/v1/series", key, "{\"name\": \"bench\", \"validTill\": " + validTill
                + ", \"maxRedemptionsInSeriesPerUser\": " + BenchmarkFile.PER_USER_LIMIT + "}").get("couponSeriesId").asLong();
    }

    private static void loadCustomers(String base, String key, long customers) throws Exception {
        long start = System.nanoTime();
        for (long from = 0; from < customers; from += REGISTRY_BATCH) {
            StringBuilder body = new StringBuilder("[");
            for (long c = from; c < Math.min(customers, from + REGISTRY_BATCH); c++) {
                body.append(c == from ? "" : ",").append("{\"mobile\":\"").append(BenchmarkFile.mobile(c)).append("\"}");
            }
            post(base + "/coupon/api/v1/customers", key, body.append("]").toString());
        }
        System.out.printf("%,d customers loaded in %.1f s%n", customers, (System.nanoTime() - start) / 1e9);
    }

    static void loadCoupons(String base, String key, long series, long rows, long customers, long now) throws Exception {
        long start = System.nanoTime();
        for (long from = 0; from < rows; from += REGISTRY_BATCH) {
            StringBuilder body = new StringBuilder("[");
            for (long i = from; i < Math.min(rows, from + REGISTRY_BATCH); i++) {
                body.append(i == from ? "" : ",").append("{\"couponCode\":\"").append(BenchmarkFile.couponCode(i))
                        .append("\",\"issuedTo\":{\"mobile\":\"").append(BenchmarkFile.mobile(i % customers)).append("\"}")
                        .append(BenchmarkFile.expiresEarly(i) ? ",\"expiresOn\":" + (now - 3 * 86_400_000L) : "").append("}");
            }
            post(base + "/coupon/api/v1/series/" + series + "/coupons", key, body.append("]").toString());
        }
        post(base + "/coupon/api/v1/series/" + series + "/coupons", key, "[{\"couponCode\":\"" + BenchmarkFile.HISTORY_COUPON + "\"}]");
        System.out.printf("%,d coupons loaded in %.1f s%n", rows, (System.nanoTime() - start) / 1e9);
    }

    /** Imports the past redemptions that rules 12 and 13 count (see {@link BenchmarkFile#history}). */
    static void loadHistory(String base, String key, long series, long rows, long customers, long now) throws Exception {
        long start = System.nanoTime();
        List<String> batch = new ArrayList<>();
        long[] imported = {0};
        String url = base + "/coupon/api/v1/series/" + series + "/redemptions/import";
        BenchmarkFile.history(rows, customers, past -> {
            batch.add("{\"couponCode\":\"" + past.couponCode() + "\",\"customer\":{\"mobile\":\"" + past.mobile()
                    + "\"},\"redeemedDateInMillis\":" + (now - 30 * 86_400_000L) + ",\"redeemedAt\":1}");
            if (batch.size() == REGISTRY_BATCH) {
                imported[0] += importBatch(url, key, batch);
            }
        });
        imported[0] += importBatch(url, key, batch);
        System.out.printf("%,d past redemptions imported in %.1f s%n", imported[0], (System.nanoTime() - start) / 1e9);
    }

    private static int importBatch(String url, String key, List<String> batch) {
        if (batch.isEmpty()) {
            return 0;
        }
        try {
            int n = post(url, key, "[" + String.join(",", batch) + "]").get("imported").asInt();
            batch.clear();
            return n;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static long upload(String base, String key, long series, Path file) throws Exception {
        String boundary = "bench-boundary-5f1e";
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"customerIdentifier\"\r\n\r\nMOBILE\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"couponIdentifier\"\r\n\r\nCOUPON_CODE\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"bench.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/coupon/api/v1/upload/redeemFile/" + series))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head),
                        HttpRequest.BodyPublishers.ofFile(file), HttpRequest.BodyPublishers.ofByteArray(tail)))
                .build();
        JsonNode response = JSON.readTree(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body());
        if (!response.path("success").asBoolean()) {
            throw new IllegalStateException("upload refused: " + response);
        }
        return response.get("result").get("redeemUploadJobStatuses").get(0).get("jobId").asLong();
    }

    static JsonNode awaitEnd(String base, String key, long jobId) throws Exception {
        while (true) {
            JsonNode job = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(base + "/coupon/api/v1/upload/redeemJobs/" + jobId))
                    .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString()).body()).get("result");
            String status = job.get("uploadRedeemedCouponStatus").asText();
            if (status.equals("COMPLETED") || status.equals("FAILED")) {
                return job;
            }
            Thread.sleep(100);   // a benchmark polls like a client would
        }
    }

    /** How many rows each error code refused, from the job's error file (whose eighth column is the code). */
    static String refusalsByCode(String base, String key, long jobId) throws Exception {
        HttpResponse<java.util.stream.Stream<String>> r = HTTP.send(HttpRequest.newBuilder(
                        URI.create(base + "/coupon/api/v1/upload/redeemJobs/" + jobId + "/files/error"))
                .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofLines());
        if (r.statusCode() != 200) {
            return "no error file (" + r.statusCode() + ")";
        }
        java.util.Map<String, Long> byCode = new java.util.TreeMap<>();
        try (var lines = r.body()) {
            lines.skip(1).forEach(line -> byCode.merge(line.split(",", 9)[7], 1L, Long::sum));
        }
        StringBuilder out = new StringBuilder();
        byCode.forEach((code, n) -> out.append(out.isEmpty() ? "" : ", ").append(code).append(": ").append(String.format("%,d", n)));
        return out.toString();
    }

    /**
     * Puts the database in the steady state a service is in before a file arrives: the registry just loaded is
     * checkpointed and analysed, instead of being written out while the measured job runs.
     */
    static void settle(String jdbc, String user, String password) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbc, user, password); Statement st = c.createStatement()) {
            st.execute("vacuum analyze");
            st.execute("checkpoint");
        }
    }

    static double copySeconds(String jdbc, String user, String password, Path file) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbc, user, password); Statement st = c.createStatement()) {
            st.execute("drop table if exists bench_copy");
            st.execute("create table bench_copy (mobile text, coupon_code text, redeemed_date text, redeemed_at text, bill_id text, "
                    + "bill_number text, details text)");
            long start = System.nanoTime();
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 20)) {
                c.unwrap(PGConnection.class).getCopyAPI().copyIn("copy bench_copy from stdin (format csv, header)", in);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            st.execute("drop table bench_copy");
            return seconds;
        }
    }

    static JsonNode post(String url, String key, String json) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(r.body());
        if (!body.path("success").asBoolean()) {
            throw new IllegalStateException(url + " refused: " + r.body());
        }
        return body.get("result");
    }

    private static long peakRssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    /** The most heap in use before any collection, from lines such as "Pause Young ... 150M->40M(512M)". */
    private static long peakHeapMb(Path gcLog) throws IOException {
        Matcher m = Pattern.compile("(\\d+)M->(\\d+)M\\(").matcher(Files.readString(gcLog));
        long peak = 0;
        while (m.find()) {
            peak = Math.max(peak, Long.parseLong(m.group(1)));
        }
        return peak;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
