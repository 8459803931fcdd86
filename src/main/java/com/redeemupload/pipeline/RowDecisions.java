package com.redeemupload.pipeline;

import com.redeemupload.job.Job;
import com.redeemupload.job.JobLease;
import com.redeemupload.registry.Customers;
import com.redeemupload.registry.Series;
import com.redeemupload.registry.SeriesStore;
import com.redeemupload.upload.CouponIdentifier;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;

/**
 * Rules 6 to 13 for all of a job's staged rows at once, in SQL, then the redemptions of the accepted rows.
 * <p>
 * Each step's rows go to an unlogged table of the job's own ({@code staging.job_{id}_resolved}, then
 * {@code _decided}), so that the result files can be written from them on a second connection while the
 * redemptions are inserted. Rules 6 to 10 need only the registry. From rules 11 to 13 on, a session advisory lock on
 * the series, held until the job's transaction has committed (or the session dies), serialises jobs of one series on
 * every instance, so two jobs can never together break a limit. Reading, staging and rules 6 to 10 stay parallel.
 * <p>
 * Rules 11 to 13 count earlier accepted rows of the same file, so a row's fate can depend on rows before it. Each
 * row is first judged twice with window functions: as if no earlier row of the file had been accepted, and as if
 * all earlier candidates had been. Where both agree (nearly always) that is the answer; the few rows where they
 * differ are decided one by one, in file order, by {@code staging.decide_contested_rows}.
 * <p>
 * The redemptions are inserted in the attempt's transaction, which stays open until the job is COMPLETED: they
 * appear all at once, or (on failure) never. Each accepted row's redemption id is drawn from the sequence when it is
 * judged, so its success-file line can be written before the insert has ended.
 */
public final class RowDecisions {

    private static final Logger LOG = LoggerFactory.getLogger(RowDecisions.class);

    private final DataSource dataSource;
    private final SeriesStore series;
    private final String workMem;

    public RowDecisions(DataSource dataSource, SeriesStore series, String workMem) {
        this.dataSource = dataSource;
        this.series = series;
        this.workMem = workMem;
    }

    /** The table of a job's rows after rules 6 to 10. */
    public static String resolvedTable(Job job) {
        return job.stagingTable() + "_resolved";
    }

    /** The table of a job's rows after rules 11 to 13: code 0 (accepted, with its redemption id) or the refusal. */
    public static String decidedTable(Job job) {
        return job.stagingTable() + "_decided";
    }

    /** Rules 6 to 10: who and which coupon each row names, and the checks that need only those. */
    public void resolveRegistry(@ExchangeProperty("lease") JobLease lease) throws SQLException {
        if (lease.rowsRead() == 0) {
            throw new BadFileException("the file has no data rows" + (lease.job().hasHeaderRow() ? " (only a header row)" : ""));
        }
        lease.stageDone("read, check and stage");
        Job job = lease.job();
        Series s = seriesOf(job);
        inTransaction(lease.connection(), st -> st.execute(resolveRegistry(job, s, Customers.match("s.customer_by",
                "s.customer_key", job.orgId(), lease.customerIdentifiersSeen()), lease.couponIdentifiersSeen())));
        lease.stageDone("rules 6-10");
    }

    /** Rules 11 to 13, under the series lock (kept until the lease is released); counts the accepted rows. */
    public void judgeLimits(@ExchangeProperty("lease") JobLease lease) throws SQLException {
        Job job = lease.job();
        Series s = seriesOf(job);
        try (Statement st = lease.connection().createStatement()) {
            // from here on other jobs' redemptions count: one job of the series at a time, until this one commits
            st.execute("select pg_advisory_lock(1, " + job.seriesId() + ")");
            lease.stageDone("wait for series lock");
        }
        inTransaction(lease.connection(), st -> {
            st.execute(judgeLimits(job, s));
            st.execute("analyze " + decidedTable(job));
        });
        lease.stageDone("rules 11-13");
        inTransaction(lease.connection(), st -> {
            st.execute("select staging.decide_contested_rows('" + decidedTable(job) + "', " + s.sameUserMultipleRedeem() + ", "
                    + s.redemptionPerCouponMaxLimit() + ", " + s.maxRedemptionsInSeriesPerUser() + ")");
            try (ResultSet rs = st.executeQuery("select count(*) from " + decidedTable(job) + " where code = 0")) {
                rs.next();
                lease.setRowsAccepted(rs.getLong(1));
            }
        });
        lease.stageDone("contested rows");
    }

    /** Inserts the accepted rows' redemptions, in the transaction that {@code complete} commits. */
    public void storeRedemptions(@ExchangeProperty("lease") JobLease lease) throws SQLException {
        long start = System.nanoTime();
        Job job = lease.job();
        Connection c = lease.connection();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            int inserted = st.executeUpdate("""
                    insert into redemption (redemption_id, org_id, series_id, coupon_id, user_id, redeemed_date, redeemed_at,
                                            bill_id, bill_number, details, job_id, row_number)
                    select redemption_id, %d, %d, coupon_id, user_id, redeemed_date, redeemed_at, bill_id, bill_number, details, %d, line
                    from %s where code = 0
                    """.formatted(job.orgId(), job.seriesId(), job.jobId(), decidedTable(job)));
            if (inserted != lease.rowsAccepted()) {
                throw new IllegalStateException("inserted " + inserted + " redemptions for " + lease.rowsAccepted() + " accepted rows");
            }
        }
        lease.stageTook("insert redemptions", start);
    }

    /** Drops the job's work tables once the attempt has ended (the staging table stays for operators). */
    public void dropWorkTables(@ExchangeProperty("lease") JobLease lease) {
        try (Statement st = lease.connection().createStatement()) {
            if (!lease.connection().getAutoCommit()) {
                lease.connection().rollback();   // whatever the attempt did not commit
                lease.connection().setAutoCommit(true);
            }
            st.execute(dropWorkTables(lease.job()));
        } catch (SQLException e) {
            LOG.warn("Could not drop the work tables of {} ({}); the next attempt or the staging clean-up will", lease, e.getMessage());
        }
    }

    static String dropWorkTables(Job job) {
        return "drop table if exists " + resolvedTable(job) + ", " + decidedTable(job);
    }

    private Series seriesOf(Job job) throws SQLException {
        return series.find(job.orgId(), job.seriesId())
                .orElseThrow(() -> new BadFileException("coupon series " + job.seriesId() + " no longer exists"));
    }

    /** Runs statements in a transaction of their own, with the memory that sorts and hashes of a whole file need. */
    private void inTransaction(Connection c, SqlWork work) throws SQLException {
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.execute("set local work_mem = '" + workMem + "'");
            work.run(st);
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private interface SqlWork {
        void run(Statement st) throws SQLException;
    }

    /** Rules 6 to 10: who and which coupon the row names, and the checks that need only those. */
    private static String resolveRegistry(Job job, Series s, Customers.Match customer, Set<CouponIdentifier> coupons) {
        long org = job.orgId();
        long series = job.seriesId();
        String validTill = s.validTill() == null ? "null::bigint" : Long.toString(s.validTill());
        return """
                create unlogged table %10$s as
                select r.*,
                       case when r.user_id is null then 701
                            when r.coupon_id is null then case when r.coupon_by_id then 780 else 719 end
                            when not %3$s and r.issued_to is distinct from r.user_id then 703
                            when r.redeemed_date > %4$s then 712
                            when r.redeemed_date > r.expires_on then 713
                       end as code
                from (
                    select s.line, s.redeemed_date, s.redeemed_at, s.bill_id, s.bill_number, s.details, s.coupon_by_id,
                           %6$s as user_id,
                           coalesce(ci.coupon_id, cc.coupon_id) as coupon_id,
                           coalesce(ci.issued_to, cc.issued_to) as issued_to,
                           coalesce(ci.expires_on, cc.expires_on) as expires_on
                    from %5$s s
                    %7$s
                    left join coupon ci on %8$s and s.coupon_by_id and ci.series_id = %2$d and ci.coupon_id = s.coupon_id
                    left join coupon cc on %9$s and not s.coupon_by_id and cc.series_id = %2$d and cc.coupon_code = s.coupon_key
                    where s.error_code is null
                ) r
                """.formatted(org, series, s.anyUser(), validTill, job.stagingTable(), customer.userId(), customer.joins(),
                coupons.contains(CouponIdentifier.COUPON_ID), coupons.contains(CouponIdentifier.COUPON_CODE), resolvedTable(job));
    }

    /**
     * Rules 11 to 13 judged with bounds: {@code *_stored} counts stored redemptions, {@code *_earlier} the earlier
     * candidates of the file. Code 0 = accepted for certain, null = contested (decided row by row). A rule the series
     * does not enforce costs nothing: its counts are 0 (bigint, like real counts: the PL/pgSQL function that reads them
     * keeps its plan across calls) and neither its window nor its look-up runs.
     */
    private static String judgeLimits(Job job, Series s) {
        boolean rule11 = !s.sameUserMultipleRedeem();
        boolean rule12 = s.redemptionPerCouponMaxLimit() != -1;
        boolean rule13 = s.maxRedemptionsInSeriesPerUser() != -1;
        String fails11 = rule11 ? "pair_stored + %s > 0" : "false";
        String fails12 = rule12 ? "coupon_stored + %s >= " + s.redemptionPerCouponMaxLimit() : "false";
        String fails13 = rule13 ? "user_stored + %s >= " + s.maxRedemptionsInSeriesPerUser() : "false";
        String pairCounts = !rule11 ? "0::bigint as pair_stored, 0::bigint as pair_earlier" : """
                coalesce(p.n, 0) as pair_stored,
                row_number() over (partition by d.coupon_id, d.user_id order by d.line) - 1 as pair_earlier""";
        String couponCounts = !rule12 ? "0::bigint as coupon_stored, 0::bigint as coupon_earlier" : """
                coalesce(cn.n, 0) as coupon_stored,
                row_number() over (partition by d.coupon_id order by d.line) - 1 as coupon_earlier""";
        String userCounts = !rule13 ? "0::bigint as user_stored, 0::bigint as user_earlier" : """
                coalesce(un.n, 0) as user_stored,
                row_number() over (partition by d.user_id order by d.line) - 1 as user_earlier""";
        String pairJoin = !rule11 ? "" : """
                left join (select r.coupon_id, r.user_id, count(*) as n from redemption r
                           where (r.coupon_id, r.user_id) in (select coupon_id, user_id from %s where code is null)
                           group by r.coupon_id, r.user_id) p on p.coupon_id = d.coupon_id and p.user_id = d.user_id""".formatted(resolvedTable(job));
        String couponJoin = !rule12 ? "" : """
                left join (select r.coupon_id, count(*) as n from redemption r
                           where r.coupon_id in (select coupon_id from %s where code is null)
                           group by r.coupon_id) cn on cn.coupon_id = d.coupon_id""".formatted(resolvedTable(job));
        String userJoin = !rule13 ? "" : """
                left join (select r.user_id, count(*) as n from redemption r
                           where r.series_id = %d and r.user_id in (select user_id from %s where code is null)
                           group by r.user_id) un on un.user_id = d.user_id""".formatted(s.seriesId(), resolvedTable(job));
        return """
                create unlogged table %14$s as
                select c.*, case when c.code = 0 or c.code is null then nextval('redemption_redemption_id_seq') end as redemption_id
                from (
                select b.*,
                       case when not (%1$s) and not (%2$s) and not (%3$s) then 0
                            when %4$s then 716
                            when not (%1$s) and %5$s then 711
                            when not (%1$s) and not (%2$s) and %6$s then 736
                       end as code
                from (
                    select d.line, d.user_id, d.coupon_id, d.redeemed_date, d.redeemed_at, d.bill_id, d.bill_number, d.details,
                           %7$s,
                           %8$s,
                           %9$s
                    from %13$s d
                    %10$s
                    %11$s
                    %12$s
                    where d.code is null
                ) b
                ) c
                """.formatted(fails11.formatted("pair_earlier"), fails12.formatted("coupon_earlier"), fails13.formatted("user_earlier"),
                fails11.formatted("0"), fails12.formatted("0"), fails13.formatted("0"),
                pairCounts, couponCounts, userCounts, pairJoin, couponJoin, userJoin, resolvedTable(job), decidedTable(job));
    }

    /**
     * Rules 6 to 13's refusals, with their messages, into the staging table (rules 1 to 5's are there already), on a
     * connection of its own: it runs while the lease's connection inserts the redemptions.
     */
    public void recordRefusals(@ExchangeProperty("lease") JobLease lease) throws SQLException {
        long start = System.nanoTime();
        Job job = lease.job();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate(recordRefusals(job, seriesOf(job)));
        }
        lease.stageTook("record refusals", start);
    }

    private static String recordRefusals(Job job, Series s) {
        return """
                update %1$s s set error_code = x.code, error_message = case x.code
                    when 701 then format('Customer not found: no customer has %%s ''%%s''',
                        case s.customer_by when 'M' then 'mobile' when 'E' then 'email' when 'X' then 'externalId' else 'userId' end,
                        s.customer_key)
                    when 719 then format('Coupon code does not exist: series %2$d has no coupon with couponCode ''%%s''', s.coupon_key)
                    when 780 then format('Coupon not found: series %2$d has no coupon with couponId %%s', s.coupon_key)
                    when 703 then 'Not issued to this customer: in this series (anyUser false) only the customer a coupon was issued to may redeem it'
                    when 712 then format('Series expired: redeemedDateInMillis %%s is after the series'' validTill %3$s', s.redeemed_date)
                    when 713 then format('Coupon expired: redeemedDateInMillis %%s is after the coupon''s expiresOn %%s', s.redeemed_date, x.expires_on)
                    when 716 then 'Cannot redeem same coupon multiple times: this customer has already redeemed this coupon (sameUserMultipleRedeem false)'
                    when 711 then 'Coupon already used: the coupon has reached its limit of %4$s redemptions (redemptionPerCouponMaxLimit)'
                    when 736 then 'Allowed redemption consumed: the customer has reached the limit of %5$s redemptions in this series (maxRedemptionsInSeriesPerUser)'
                end
                from (select line, code, expires_on from %6$s where code is not null
                      union all
                      select line, code, null from %7$s where code <> 0) x
                where s.line = x.line
                """.formatted(job.stagingTable(), s.seriesId(), s.validTill(),
                s.redemptionPerCouponMaxLimit(), s.maxRedemptionsInSeriesPerUser(), resolvedTable(job), decidedTable(job));
    }
}
