package com.redeemupload.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark's {@code --scenarios}: after the plain file, the same service runs the skewed files of
 * {@link SkewedFile} (as many rows as the plain one, each on a series of its own, measured like it) and the
 * re-upload loop, and prints per scenario the job's time, its ratio to the plain file's, and its slowest stage
 * (from the service's log line of the job).
 * <p>
 * The re-upload loop ({@code reupload}): ten times, a job of the benchmark's own file ({@link #REUPLOAD_ROWS} rows
 * at most) on a fresh series, then its error file uploaded again at once, as the README's quickstart teaches;
 * with autovacuum off for the loop, so that no statistics are gathered but those the service gathers itself.
 * {@code no-stats}: the plain file with the registry's and redemption's statistics deleted first, then its error file.
 */
final class SkewedScenarios {

    static final String REUPLOAD = "reupload";
    static final String NO_STATISTICS = "no-stats";
    private static final long REUPLOAD_ROWS = 200_000;
    private static final int REUPLOAD_LOOPS = 10;
    private static final Pattern STAGE = Pattern.compile("(.+) (\\d+)");

    private final String base;
    private final String key;
    private final Path work;
    private final long rows;
    private final long customers;
    private final long now;
    private final String jdbc;
    private final String dbUser;
    private final String dbPassword;
    private final List<Result> results = new ArrayList<>();

    /** A measured job; {@code compared}: its ratio to the plain file's time is printed. */
    private record Result(String scenario, long rows, double seconds, boolean compared, String slowest, String outcome) {
    }

    SkewedScenarios(String base, String key, Path work, long rows, long customers, long now, String jdbc, String dbUser,
                    String dbPassword) {
        this.base = base;
        this.key = key;
        this.work = work;
        this.rows = rows;
        this.customers = customers;
        this.now = now;
        this.jdbc = jdbc;
        this.dbUser = dbUser;
        this.dbPassword = dbPassword;
    }

    /** The scenarios of {@code --scenarios}: names, comma-separated, or "all". */
    static List<String> parse(String option) {
        if (option.equals("all")) {
            List<String> all = new ArrayList<>(Arrays.stream(SkewedFile.values()).map(f -> f.option).toList());
            all.add(REUPLOAD);
            all.add(NO_STATISTICS);
            return all;
        }
        List<String> names = List.of(option.split(","));
        names.stream().filter(n -> !n.equals(REUPLOAD) && !n.equals(NO_STATISTICS)).forEach(SkewedFile::of);   // unknown names fail before the run
        return names;
    }

    /**
     * Runs the scenarios, then the plain file once more ({@code plainAgain}): every job adds to the database, so a
     * later job is slower for that alone, and each scenario's ratio is to the mean of the plain jobs before and after.
     */
    void run(List<String> scenarios, long plainJob, double plainSeconds, Callable<RedemptionBenchmark.Measured> plainAgain)
            throws Exception {
        results.add(new Result("plain, before", rows, plainSeconds, true, slowestStage(plainJob), ""));
        for (String scenario : scenarios) {
            if (scenario.equals(REUPLOAD)) {
                reuploadLoop();
            } else if (scenario.equals(NO_STATISTICS)) {
                withoutStatistics();
            } else {
                skewed(SkewedFile.of(scenario));
            }
        }
        RedemptionBenchmark.Measured after = plainAgain.call();
        results.add(new Result("plain, after", rows, after.seconds(), true, slowestStage(after.jobId()), ""));
        double plain = (plainSeconds + after.seconds()) / 2;
        System.out.println();
        System.out.printf("plain file: %.2f s before the scenarios, %.2f s after; ratios are to their mean, %.2f s%n",
                plainSeconds, after.seconds(), plain);
        System.out.println("| scenario | rows | job | ratio to plain | slowest stage | outcome |");
        System.out.println("|---|---|---|---|---|---|");
        for (Result r : results) {
            System.out.printf("| %s | %,d | %.2f s | %s | %s | %s |%n", r.scenario(), r.rows(), r.seconds(),
                    r.compared() ? String.format("%.2f", r.seconds() / plain) : "", r.slowest(), r.outcome());
        }
    }

    private void skewed(SkewedFile f) throws Exception {
        Path file = work.resolve(f.option + ".csv");
        f.write(file, rows, customers, now);
        long series = series(f.seriesJson(rows));
        loadCoupons(series, f.coupons(rows));
        RedemptionBenchmark.settle(jdbc, dbUser, dbPassword);
        long start = System.nanoTime();
        long jobId = RedemptionBenchmark.upload(base, key, series, file);
        JsonNode job = RedemptionBenchmark.awaitEnd(base, key, jobId);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%-19s %.2f s (%s)%n", f.option, seconds, outcome(job, jobId));
        results.add(new Result(f.option, rows, seconds, true, slowestStage(jobId), outcome(job, jobId)));
        Files.delete(file);
    }

    private void reuploadLoop() throws Exception {
        long n = Math.min(rows, REUPLOAD_ROWS);
        Path file = work.resolve("reupload.csv");
        BenchmarkFile.write(file, n, customers, 11, now);
        autovacuum(false);
        try {
            for (int loop = 1; loop <= REUPLOAD_LOOPS; loop++) {
                long series = RedemptionBenchmark.createSeries(base, key, now + 100_000);
                RedemptionBenchmark.loadCoupons(base, key, series, n, customers, now);
                RedemptionBenchmark.loadHistory(base, key, series, n, customers, now);
                long start = System.nanoTime();
                long first = RedemptionBenchmark.upload(base, key, series, file);
                JsonNode firstJob = RedemptionBenchmark.awaitEnd(base, key, first);
                double firstSeconds = (System.nanoTime() - start) / 1e9;
                Path errors = work.resolve("reupload-errors.csv");
                Files.writeString(errors, errorFile(first));
                start = System.nanoTime();
                long again = RedemptionBenchmark.upload(base, key, series, errors);
                JsonNode againJob = RedemptionBenchmark.awaitEnd(base, key, again);
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("re-upload %2d       job %.2f s (%s), its error file %.2f s (%s)%n", loop, firstSeconds,
                        outcome(firstJob, first), seconds, outcome(againJob, again));
                results.add(new Result("re-upload " + loop + " (its job " + String.format("%.2f", firstSeconds) + " s)",
                        againJob.get("actualRowCount").asLong(), seconds, false, slowestStage(again), outcome(againJob, again)));
            }
        } finally {
            autovacuum(true);
        }
    }

    /**
     * The plain file on a fresh series, with the statistics of the registry and of redemption deleted first (as if
     * never analysed; autovacuum off meanwhile), then its error file uploaded again at once.
     */
    private void withoutStatistics() throws Exception {
        Path file = work.resolve("redemptions.csv");
        long series = RedemptionBenchmark.createSeries(base, key, now + 100_000);
        RedemptionBenchmark.loadCoupons(base, key, series, rows, customers, now);
        RedemptionBenchmark.loadHistory(base, key, series, rows, customers, now);
        RedemptionBenchmark.settle(jdbc, dbUser, dbPassword);
        autovacuum(false);
        try {
            try (Connection c = DriverManager.getConnection(jdbc, dbUser, dbPassword); Statement st = c.createStatement()) {
                st.execute("delete from pg_statistic where starelid in ('coupon'::regclass, 'customer'::regclass, 'redemption'::regclass)");
                st.execute("update pg_class set reltuples = -1 where oid in ('coupon'::regclass, 'customer'::regclass, 'redemption'::regclass)");
            }
            long start = System.nanoTime();
            long jobId = RedemptionBenchmark.upload(base, key, series, file);
            JsonNode job = RedemptionBenchmark.awaitEnd(base, key, jobId);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("%-19s %.2f s (%s)%n", NO_STATISTICS, seconds, outcome(job, jobId));
            results.add(new Result(NO_STATISTICS, rows, seconds, true, slowestStage(jobId), outcome(job, jobId)));
            Path errors = work.resolve("no-stats-errors.csv");
            Files.writeString(errors, errorFile(jobId));
            start = System.nanoTime();
            long again = RedemptionBenchmark.upload(base, key, series, errors);
            JsonNode againJob = RedemptionBenchmark.awaitEnd(base, key, again);
            seconds = (System.nanoTime() - start) / 1e9;
            results.add(new Result(NO_STATISTICS + ", its error file", againJob.get("actualRowCount").asLong(), seconds, false,
                    slowestStage(again), outcome(againJob, again)));
        } finally {
            autovacuum(true);
        }
    }

    private long series(String settings) throws Exception {
        return RedemptionBenchmark.post(base + "/coupon/api/v1/series", key, "{\"name\": \"bench skewed\", \"validTill\": "
                + (now + 100_000) + ", " + settings + "}").get("couponSeriesId").asLong();
    }

    /** Coupons BENCH-0 up to {@code count} and the hot one, issued to no one. */
    private void loadCoupons(long series, long count) throws Exception {
        String url = base + "/coupon/api/v1/series/" + series + "/coupons";
        for (long from = 0; from < count; from += 50_000) {
            StringBuilder body = new StringBuilder("[");
            for (long i = from; i < Math.min(count, from + 50_000); i++) {
                body.append(i == from ? "" : ",").append("{\"couponCode\":\"").append(BenchmarkFile.couponCode(i)).append("\"}");
            }
            RedemptionBenchmark.post(url, key, body.append("]").toString());
        }
        RedemptionBenchmark.post(url, key, "[{\"couponCode\":\"" + SkewedFile.HOT_COUPON_CODE + "\"}]");
    }

    private String errorFile(long jobId) throws Exception {
        HttpResponse<String> r = RedemptionBenchmark.HTTP.send(HttpRequest.newBuilder(
                        URI.create(base + "/coupon/api/v1/upload/redeemJobs/" + jobId + "/files/error"))
                .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("job " + jobId + " has no error file (" + r.statusCode() + ")");
        }
        return r.body();
    }

    /** Turns autovacuum (and so autoanalyze) off or on again for the whole PostgreSQL. */
    private void autovacuum(boolean on) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbc, dbUser, dbPassword); Statement st = c.createStatement()) {
            st.execute("alter system set autovacuum = " + (on ? "on" : "off"));
            st.execute("select pg_reload_conf()");
        }
    }

    private static String outcome(JsonNode job, long jobId) {
        return String.format("job %d %s, %,d redeemed, %,d refused", jobId, job.get("uploadRedeemedCouponStatus").asText(),
                job.get("totalUploadedCount").asLong(), job.get("errorCount").asLong());
    }

    /** The longest stage of the job's log line "Job N COMPLETED: ... (stage N ms, ...)". */
    private String slowestStage(long jobId) throws Exception {
        String log = Files.readString(work.resolve("service.log"));
        int at = log.indexOf("Job " + jobId + " COMPLETED");
        if (at < 0) {
            return "?";
        }
        String line = log.substring(log.indexOf('(', at) + 1, log.indexOf('\n', at));
        String slowest = "?";
        long most = -1;
        for (String stage : line.split(" ms(, |\\))")) {   // a stage's name may hold a comma: "read, check and stage"
            Matcher m = STAGE.matcher(stage);
            if (m.matches() && Long.parseLong(m.group(2)) > most) {
                most = Long.parseLong(m.group(2));
                slowest = m.group(1) + " " + most + " ms";
            }
        }
        return slowest;
    }
}
