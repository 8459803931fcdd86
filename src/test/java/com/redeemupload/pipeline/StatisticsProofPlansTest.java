package com.redeemupload.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.redeemupload.registry.Series;
import com.redeemupload.support.ServiceTest;
import com.redeemupload.support.TestOrg;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The plans of rules 11 to 13 do not depend on when PostgreSQL last sampled the redemption table: the case of a big
 * job just stored into a fresh series (which the statistics take for empty), followed at once by a file of the
 * same series, such as the first job's error file uploaded again.
 */
class StatisticsProofPlansTest extends ServiceTest {

    private static final Pattern RESOLVED_SCAN = Pattern.compile("Scan on plan_test_resolved.*loops=(\\d+)");

    /**
     * With the statistics taken before the series had any redemption, the stored counts of a long history read the
     * file's rows once: as a semi-join, PostgreSQL took the series for one row and scanned the file once per stored
     * redemption (121 s for 188,000 redemptions against a 12,000-row error file).
     */
    @Test
    void storedCountsReadTheFileOnceWhenTheStatisticsDoNotKnowTheSeries() throws SQLException {
        long seriesId = 900_000_000L + System.nanoTime() % 1_000_000;   // no series of any other test
        Series series = new Series(seriesId, 1, "plans", true, false, 1, 3, null);
        try (Connection c = dataSource().getConnection()) {
            c.setAutoCommit(false);   // everything below, the statistics included, is rolled back
            try (Statement st = c.createStatement()) {
                // four other series, big enough to be all the statistics know of (the series is none of them)
                st.execute("insert into redemption (org_id, series_id, coupon_id, user_id, redeemed_date) "
                        + "select 1, " + seriesId + " + 1 + g % 4, -100000 - g, -100000 - g, 0 from generate_series(1, 10000) g");
                st.execute("analyze redemption");   // before the series has a redemption
                st.execute("insert into redemption (org_id, series_id, coupon_id, user_id, redeemed_date) "
                        + "select 1, " + seriesId + ", -g, -(g % 1000), 0 from generate_series(1, 3000) g");
                st.execute("create temp table plan_test_resolved as select g as line, -g::bigint as coupon_id, "
                        + "-(g % 1000)::bigint as user_id, null::integer as code from generate_series(1, 300) g");
                st.execute("analyze plan_test_resolved");
                List<Integer> loops = new ArrayList<>();
                for (String statement : RowDecisions.storedCountStatements(series, "plan_test_resolved", false)) {
                    if (statement.startsWith("analyze")) {
                        continue;
                    }
                    String plan = explainAnalyse(st, statement);
                    Matcher m = RESOLVED_SCAN.matcher(plan);
                    assertThat(m.find()).as(plan).isTrue();
                    loops.add(Integer.parseInt(m.group(1)));
                }
                assertThat(loops).as("pair_stored, user_stored").containsExactly(1, 1);
                try (ResultSet rs = st.executeQuery("select (select sum(n) from pair_stored), (select sum(n) from user_stored)")) {
                    rs.next();
                    assertThat(rs.getLong(1)).as("the file's coupons' redemptions").isEqualTo(300);
                    assertThat(rs.getLong(2)).as("the file's customers' redemptions in the series").isEqualTo(900);
                }
            } finally {
                c.rollback();
            }
        }
    }

    /** A job that grows the redemption table by a tenth or more leaves the planner knowing its series' redemptions. */
    @Test
    void aBigJobLeavesItsSeriesSampled() throws SQLException {
        int rows = (int) Math.max(1_200, redemptionRowsSampled() / 10 + 100);
        TestOrg org = newOrg();
        long series = org.series("\"anyUser\": true");
        StringBuilder customers = new StringBuilder("[");
        StringBuilder coupons = new StringBuilder("[");
        StringBuilder csv = new StringBuilder("mobile,couponCode,redeemedDateInMillis,redeemedAt\n");
        for (int i = 0; i < rows; i++) {
            String mobile = "9197" + String.format("%08d", i);
            customers.append(i == 0 ? "" : ",").append("{\"mobile\": \"").append(mobile).append("\"}");
            coupons.append(i == 0 ? "" : ",").append("{\"couponCode\": \"P").append(i).append("\"}");
            csv.append(mobile).append(",P").append(i).append(',').append(TestOrg.now()).append(",1\n");
        }
        org.customers(customers.append("]").toString());
        org.coupons(series, coupons.append("]").toString());

        JsonNode job = org.uploadAndWait(series, csv.toString());
        assertThat(job.get("totalUploadedCount").asInt()).isEqualTo(rows);
        // sampled once the job has committed, before its lease (and the series lock) goes
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(estimatedRows("select from redemption where series_id = " + series)).isGreaterThan(rows / 2));
    }

    private long redemptionRowsSampled() throws SQLException {
        try (Connection c = dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select greatest(reltuples, 0)::bigint from pg_class where oid = 'redemption'::regclass")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private long estimatedRows(String query) throws SQLException {
        try (Connection c = dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("explain (format json) " + query)) {
            rs.next();
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(rs.getString(1)).get(0).get("Plan").get("Plan Rows").asLong();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String explainAnalyse(Statement st, String statement) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (ResultSet rs = st.executeQuery("explain (analyze, costs off, timing off) " + statement)) {
            while (rs.next()) {
                plan.append(rs.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }
}
