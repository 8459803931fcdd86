package com.redeemupload.pipeline;

import com.redeemupload.job.Job;
import com.redeemupload.job.JobLease;
import com.redeemupload.registry.Customers;
import com.redeemupload.registry.RedemptionIds;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/**
 * Rules 6 to 13 for all of a job's staged rows at once, in SQL, then the redemptions of the accepted rows.
 * <p>
 * Rules 6 to 10 write every row that passed rules 1 to 5 to an unlogged table of the job's own
 * ({@code staging.job_{id}_resolved}, in file order); rules 11 to 13 write only the refused rows, with their codes, to
 * another ({@code _refused}). Every other resolved row is accepted: the insert takes those, and the result files
 * need no more than the refused rows. Rules 6 to 10 need only the registry. From rules 11 to 13 on, a session advisory
 * lock on the series, held until the job's transaction has committed (or the session dies), serialises jobs of one
 * series on every instance, so two jobs can never together break a limit. Reading, staging and rules 6 to 10 stay
 * parallel.
 * <p>
 * The insert is the longest step and runs on one core, so it starts as soon as rules 6 to 10 are done: rules 11 to
 * 13 (and rules 6 to 10 for the rest of the file) and then the result files run beside it on a second connection. It
 * takes the head of the file meanwhile, deletes the few rows of it that rules 11 to 13 refused (in the same
 * transaction: nobody ever sees them), and the rest once the refused table is there (see {@link #storeRedemptions}).
 * <p>
 * Rules 11 to 13 count earlier accepted rows of the same file, so a row's fate can depend on rows before it. The
 * few rows where it can (see {@link #contentiousRows}) are judged in one pass in file order by {@link ContentiousRows};
 * every other row on the stored counts alone.
 * <p>
 * The redemptions are inserted in the attempt's transaction, which stays open until the job is COMPLETED: they
 * appear all at once, or (on failure) never. Each accepted row's redemption id comes from a block the job takes
 * before judging ({@link RedemptionIds}), so its redemption can be inserted, and its success-file line written,
 * before or while the others are decided.
 */
public final class RowDecisions {

    private static final Logger LOG = LoggerFactory.getLogger(RowDecisions.class);
    private static final String RESOLVED = "_resolved";   // work tables: the staging table's name plus these
    private static final String REFUSED = "_refused";
    /**
     * The head of the file, which the insert takes before it needs rules 11-13, in thirds: the other connection
     * resolves the rest and judges the whole file meanwhile, and two thirds keep both sides busy about equally long
     * (a million rows: about 3.3 s each).
     */
    private static final int HEAD_THIRDS = 2;

    private final DataSource dataSource;
    private final SeriesStore series;
    private final String workMem;

    public RowDecisions(DataSource dataSource, SeriesStore series, String workMem) {
        this.dataSource = dataSource;
        this.series = series;
        this.workMem = workMem;
    }

    /**
     * The table of a job's rows that passed rules 1 to 5, after rules 6 to 10 ({@code code} null when they passed
     * those), in file order: read by rules 11 to 13 and by the insert.
     */
    static String resolvedTable(Job job) {
        return job.stagingTable() + RESOLVED;
    }

    /** The table of the rows that rules 6 to 13 refused ({@code line, code, expires_on}). */
    static String refusedTable(Job job) {
        return job.stagingTable() + REFUSED;
    }

    /**
     * Rules 6 to 10 (for the head of the file only, when the insert is to start on it at once), then the series lock
     * (kept until the lease is released) and the job's id block: what the insert and rules 11 to 13 start from.
     */
    public void decide(@ExchangeProperty("lease") JobLease lease) throws SQLException {
        if (lease.rowsRead() == 0) {
            throw new BadFileException("the file has no data rows" + (lease.job().hasHeaderRow() ? " (only a header row)" : ""));
        }
        lease.stageDone("read, check and stage");
        Job job = lease.job();
        Series s = seriesOf(job);
        try (Statement st = lease.connection().createStatement()) {
            // Rules 11-13 refuse few rows of a file that the series' history does not outweigh, so the insert need
            // not wait for them: it starts on the head of the file while the rest is resolved and the whole file
            // judged beside it. A file coming back (its rows refused as redeemed already) has a history at least as
            // long as itself, and waits instead. Read before the lock: it only shares the work out, and chooses how
            // rules 11-13 read the stored counts, which they count exactly either way.
            lease.setHistoryWithinFile(historyWithin(st, s, lease.rowsRead()));
        }
        boolean wholeFile = headEnd(lease) == 0;
        lease.addRowsResolved(inTransaction(lease.connection(), st -> {
            long rows = st.executeUpdate(resolveRegistry(lease, s, "create unlogged table " + resolvedTable(job) + " as",
                    wholeFile ? "true" : "s.line <= " + headEnd(lease)));
            if (wholeFile) {
                st.execute("analyze " + resolvedTable(job));   // rules 11-13 plan their hashes and sorts by it
            }
            return rows;
        }));
        lease.stageDone(wholeFile ? "rules 6-10" : "rules 6-10 (head)");
        try (Statement st = lease.connection().createStatement()) {
            // from here on other jobs' redemptions count: one job of the series at a time, until this one commits
            st.execute("select pg_advisory_lock(1, " + job.seriesId() + ")");
            lease.stageDone("wait for series lock");
        }
        lease.setIdBlockStart(RedemptionIds.reserve(lease.connection(), lease.lastLine()));
    }

    /**
     * Rules 6 to 10 for the rest of the file (when {@link #decide} left it), then rules 11 to 13, on a connection of
     * its own while the lease's connection inserts the head: the refused table and the accepted count, then
     * {@link JobLease#limitsJudged}, which the insert waits for before it goes on. The series lock the lease holds
     * keeps other jobs' redemptions of the series as they are meanwhile; this connection never sees the lease's own,
     * uncommitted ones.
     */
    public void judgeLimits(@ExchangeProperty("lease") JobLease lease) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Job job = lease.job();
            Series s = seriesOf(job);
            if (headEnd(lease) > 0) {
                long start = System.nanoTime();
                // one process, unlike the head: the insert has the other core
                lease.addRowsResolved(inTransaction(c, st -> {
                    long rows = st.executeUpdate(resolveRegistry(lease, s, "insert into " + resolvedTable(job),
                            "s.line > " + headEnd(lease)));
                    st.execute("analyze " + resolvedTable(job));
                    return rows;
                }));
                lease.stageTook("rules 6-10 (rest)", start);
            }
            long start = System.nanoTime();
            Limits limits = new Limits(s);
            long refused = inTransaction(c, st -> {
                for (String statement : storedCounts(s, resolvedTable(job), lease.historyWithinFile(), limits)) {
                    st.execute(statement);
                }
                if (limits.any()) {
                    // grouping a million keys to find the coupons and customers that come back: PostgreSQL rates a hash
                    // aggregate cheaper, but sorting them takes half its time (measured with 1M keys, in order or shuffled)
                    st.execute("set local enable_hashagg = off");
                    ContentiousRows.judge(c, s, contentiousRows(s, resolvedTable(job), limits));
                    st.execute("set local enable_hashagg = on");
                }
                long rows = st.executeUpdate(refuse(job, limits));
                st.execute("analyze " + refusedTable(job));   // the insert and the error file join it
                return rows;
            });
            lease.setRowsAccepted(lease.rowsResolved() - refused);
            lease.limitsJudged().complete(null);
            lease.stageTook("rules 11-13", start);
        } catch (Throwable e) {
            lease.limitsJudged().completeExceptionally(e);   // the insert must not wait for a verdict that never comes
            throw e;
        }
    }

    /**
     * Inserts the accepted rows' redemptions, in the transaction that {@code complete} commits, in file order (the
     * resolved table's), so each index is added to near its last entry: the head of the file while rules 11 to 13
     * are judged (then the few of its rows they refused are deleted again), the rest once they are.
     */
    public void storeRedemptions(@ExchangeProperty("lease") JobLease lease) throws SQLException, InterruptedException {
        long start = System.nanoTime();
        Job job = lease.job();
        Connection c = lease.connection();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            WholeFileSettings.apply(st, workMem);   // the insert's anti-join to the refused rows, like rules 11-13
            long head = headEnd(lease);
            long inserted = head > 0 ? st.executeUpdate(insertRedemptions(lease, "r.line <= " + head)) : 0;
            awaitLimitsJudged(lease);
            if (head > 0) {   // the head's rows that rules 11-13 (codes 716, 711, 736) refused
                inserted -= st.executeUpdate("""
                        delete from redemption
                        where redemption_id in (select %d + line from %s where line <= %d and code in (716, 711, 736))
                        """.formatted(lease.idBlockStart(), refusedTable(job), head));
            }
            inserted += st.executeUpdate(insertRedemptions(lease, "r.line > " + head
                    + " and not exists (select from " + refusedTable(job) + " x where x.line = r.line)"));
            if (inserted != lease.rowsAccepted()) {
                throw new IllegalStateException("inserted " + inserted + " redemptions for " + lease.rowsAccepted() + " accepted rows");
            }
        }
        lease.stageTook("insert redemptions", start);
    }

    /**
     * The head of the file: the rows up to this line are resolved first and inserted while the rest is resolved and
     * rules 11 to 13 are judged, on another connection; the few of them those rules refuse are deleted again in the
     * same transaction. 0 when the whole file is resolved first and the insert waits for the verdict (a series whose
     * history is longer than the file).
     */
    private static long headEnd(JobLease lease) {
        return lease.historyWithinFile() ? lease.lastLine() * HEAD_THIRDS / 3 : 0;
    }

    /** The redemptions of the resolved rows that passed rules 6 to 10 and {@code condition}. */
    private static String insertRedemptions(JobLease lease, String condition) {
        Job job = lease.job();
        return """
                insert into redemption (redemption_id, org_id, series_id, coupon_id, user_id, redeemed_date, redeemed_at,
                                        bill_id, bill_number, details, job_id, row_number)
                select %d + line, %d, %d, coupon_id, user_id, redeemed_date, redeemed_at, bill_id, bill_number, details, %d, line
                from %s r
                where r.code is null and %s
                """.formatted(lease.idBlockStart(), job.orgId(), job.seriesId(), job.jobId(), resolvedTable(job), condition);
    }

    private static void awaitLimitsJudged(JobLease lease) throws InterruptedException {
        try {
            lease.limitsJudged().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("rules 11-13 failed, so no redemption is stored: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** Drops the job's work tables once the attempt has ended (the staging table stays for operators). */
    public void dropWorkTables(@ExchangeProperty("lease") JobLease lease) {
        try (Statement st = lease.connection().createStatement()) {
            if (!lease.connection().getAutoCommit()) {
                lease.connection().rollback();   // whatever the attempt did not commit
                lease.connection().setAutoCommit(true);
            }
            st.execute(dropWorkTables(lease.job().stagingTable()));
        } catch (SQLException e) {
            LOG.warn("Could not drop the work tables of {} ({}); the next attempt or the staging clean-up will", lease, e.getMessage());
        }
    }

    /**
     * Drops the work tables that belong to a staging table, should an attempt or a crash have left them ({@code _decided}
     * held every row's outcome before {@code _refused} held only the refusals).
     */
    static String dropWorkTables(String stagingTable) {
        return "drop table if exists " + stagingTable + RESOLVED + ", " + stagingTable + REFUSED + ", " + stagingTable + "_decided";
    }

    private Series seriesOf(Job job) throws SQLException {
        return series.find(job.orgId(), job.seriesId())
                .orElseThrow(() -> new BadFileException("coupon series " + job.seriesId() + " no longer exists"));
    }

    /**
     * Runs statements in a transaction of their own, with the memory that sorts and hashes of a whole file need and
     * both cores for its joins.
     */
    private long inTransaction(Connection c, SqlWork work) throws SQLException {
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            WholeFileSettings.apply(st, workMem);
            long rows = work.run(st);
            c.commit();
            return rows;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /** Statements that end with the row count of the table they wrote. */
    private interface SqlWork {
        long run(Statement st) throws SQLException;
    }

    /**
     * Rules 6 to 10 for the staged rows on {@code lines} into the job's resolved table ({@code into}: creating it, or
     * adding the rest of the file to it): who and which coupon each row names, and the checks that need only those
     * ({@code code} null when the row passed them). An unlogged table rather than a temp table: PostgreSQL
     * can read it with parallel workers, and it has shared buffers rather than a few megabytes of local ones. In file
     * order for the insert: the workers sort their parts, so it costs next to nothing here, and it spares the insert
     * (one core) a sort of the whole file or adding to the indexes out of order (0.3 to 0.5 s for a million rows).
     */
    private static String resolveRegistry(JobLease lease, Series s, String into, String lines) {
        Job job = lease.job();
        Customers.Match customer = Customers.match("s.customer_by", "s.customer_key", job.orgId(), lease.customerIdentifiersSeen());
        Set<CouponIdentifier> coupons = lease.couponIdentifiersSeen();
        long org = job.orgId();
        long series = job.seriesId();
        String validTill = s.validTill() == null ? "null::bigint" : Long.toString(s.validTill());
        return """
                %10$s
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
                    where s.error_code is null and %11$s
                ) r
                order by r.line
                """.formatted(org, series, s.anyUser(), validTill, job.stagingTable(), customer.userId(), customer.joins(),
                coupons.contains(CouponIdentifier.COUPON_ID), coupons.contains(CouponIdentifier.COUPON_CODE), into, lines);
    }

    /**
     * The job's refused table: the rows rules 11 to 13 refuse (judged by the stored counts, or in file order by
     * {@link ContentiousRows}), and those rules 6 to 10 refused, with their codes.
     */
    private static String refuse(Job job, Limits limits) {
        return """
                create unlogged table %s as
                select line, code, expires_on
                from (
                    select d.line, d.expires_on,
                           case when d.code is not null then d.code
                                %s
                                else %s
                           end as code
                    from (select d.*, %s from %s d %s) d
                    %s
                ) c
                where code is distinct from 0   -- a row left undecided (null) would be refused without a code: the result files fail the job
                """.formatted(refusedTable(job),
                limits.any() ? "when w.line is not null then w.code" : "",
                limits.verdict(),
                limits.storedColumns(), resolvedTable(job), limits.storedJoins(),
                limits.any() ? "left join " + ContentiousRows.REFUSED + " w on w.line = d.line" : "");
    }

    /** Which of rules 11 to 13 a series enforces, and the SQL that judges a row by them. */
    private record Limits(Series s, boolean rule11, boolean rule12, boolean rule13) {

        Limits(Series s) {
            this(s, !s.sameUserMultipleRedeem(), s.redemptionPerCouponMaxLimit() != -1, s.maxRedemptionsInSeriesPerUser() != -1);
        }

        /** Whether the series enforces any of the three (else no row is contentious). */
        boolean any() {
            return rule11 || rule12 || rule13;
        }

        /** The stored counts of a row ({@code d}) as bigint columns, 0 for a rule not enforced. */
        String storedColumns() {
            return (rule11 ? "coalesce(p.n, 0)" : "0::bigint") + " as pair_stored, "
                    + (rule12 ? "coalesce(cn.n, 0)::bigint" : "0::bigint") + " as coupon_stored, "
                    + (rule13 ? "coalesce(un.n, 0)" : "0::bigint") + " as user_stored";
        }

        String storedJoins() {
            return (rule11 ? "left join pair_stored p on p.coupon_id = d.coupon_id and p.user_id = d.user_id\n" : "")
                    + (rule12 ? "left join (select coupon_id, sum(n) as n from pair_stored group by coupon_id) cn on cn.coupon_id = d.coupon_id\n" : "")
                    + (rule13 ? "left join user_stored un on un.user_id = d.user_id\n" : "");
        }

        /** The code of a row judged on the stored counts alone: 0, or the first of 716, 711, 736 whose limit is reached. */
        String verdict() {
            return "case when %s then 716 when %s then 711 when %s then 736 else 0 end".formatted(
                    rule11 ? "pair_stored > 0" : "false",
                    rule12 ? "coupon_stored >= " + s.redemptionPerCouponMaxLimit() : "false",
                    rule13 ? "user_stored >= " + s.maxRedemptionsInSeriesPerUser() : "false");
        }
    }

    /**
     * The series' stored redemptions per coupon and customer ({@code pair_stored}) and per customer ({@code user_stored}).
     * A history no longer than the file is read whole. A longer one is looked up key by key in the indexes, the file's
     * keys driving: a lateral sub-query ({@code offset 0} keeps it one) leaves the planner no join order to choose.
     * Planned on a semi-join, a series the statistics do not know yet (a big job just stored into a fresh series)
     * looked like one row, and PostgreSQL scanned the whole file once per stored redemption: 188,000 redemptions
     * against a 12,000-row error file took 121 s.
     */
    private static List<String> storedCounts(Series s, String resolved, boolean smallHistory, Limits limits) {
        List<String> statements = new ArrayList<>();
        List<String> analyse = new ArrayList<>();
        if (limits.rule11() || limits.rule12()) {
            statements.add("""
                    create temp table pair_stored on commit drop as
                    %s
                    """.formatted(smallHistory
                    ? "select coupon_id, user_id, count(*) as n from redemption where series_id = " + s.seriesId()
                            + " group by coupon_id, user_id"
                    // a coupon's redemptions are all in its series, so the coupon's index alone finds them
                    : "select k.coupon_id, r.user_id, count(*) as n from " + fileKeys("coupon_id", resolved)
                            + " cross join lateral (select user_id from redemption r where r.coupon_id = k.coupon_id offset 0) r"
                            + " group by k.coupon_id, r.user_id"));
            analyse.add("pair_stored");
        }
        if (limits.rule13()) {
            statements.add("""
                    create temp table user_stored on commit drop as
                    %s
                    """.formatted(smallHistory
                    ? "select user_id, count(*) as n from redemption where series_id = " + s.seriesId() + " group by user_id"
                    : "select k.user_id, r.n from " + fileKeys("user_id", resolved)
                            + " cross join lateral (select count(*) as n from redemption r where r.series_id = " + s.seriesId()
                            + " and r.user_id = k.user_id offset 0) r where r.n > 0"));
            analyse.add("user_stored");
        }
        if (!analyse.isEmpty()) {
            statements.add("analyze " + String.join(", ", analyse));
        }
        return statements;
    }

    /** The statements that count the series' stored redemptions for the rows of {@code resolved} (their plans are tested). */
    static List<String> storedCountStatements(Series s, String resolved, boolean smallHistory) {
        return storedCounts(s, resolved, smallHistory, new Limits(s));
    }

    /** The distinct {@code column} values of the resolved rows that passed rules 6 to 10, as {@code k}. */
    private static String fileKeys(String column, String resolved) {
        return "(select distinct " + column + " from " + resolved + " where code is null) k";
    }

    /**
     * The rows whose earlier rows in the file can change their fate, with their stored counts, in file order: what
     * {@link ContentiousRows} judges. A row is refused by rule 11, 12 or 13 when the stored redemptions
     * ({@code *_stored}) plus the rows of the file accepted before it reach the limit. Only two kinds of rows can have
     * such earlier rows that matter: rows of a coupon that comes back in the file (rules 11, 12), and rows of a
     * customer whose stored redemptions plus rows in the file exceed the series' limit (rule 13: below it, even the
     * customer's last row stays under the limit). Every other row is judged by {@link #refuse} on the stored counts
     * alone, which is exact for it. The contentious coupons and customers are joined, not tested with IN: a sub-plan
     * PostgreSQL cannot hash (work_mem) runs once per row.
     */
    private static String contentiousRows(Series s, String resolved, Limits limits) {
        List<String> joins = new ArrayList<>();   // the contentious coupons and customers, one row each
        List<String> contentious = new ArrayList<>();
        if (limits.rule11() || limits.rule12()) {
            joins.add("left join (select coupon_id from %s where code is null group by coupon_id having count(*) > 1) rc on rc.coupon_id = d.coupon_id"
                    .formatted(resolved));
            contentious.add("rc.coupon_id is not null");
        }
        if (limits.rule13()) {
            joins.add("""
                    left join (select f.user_id
                               from (select user_id, count(*) as n from %s where code is null group by user_id having count(*) > 1) f
                               left join user_stored u on u.user_id = f.user_id
                               where f.n + coalesce(u.n, 0) > %d) ru on ru.user_id = d.user_id""".formatted(resolved, s.maxRedemptionsInSeriesPerUser()));
            contentious.add("ru.user_id is not null");
        }
        return """
                select d.line, d.coupon_id, d.user_id, %s
                from %s d
                %s
                %s
                where d.code is null and (%s)
                order by d.line
                """.formatted(limits.storedColumns(), resolved, String.join("\n", joins), limits.storedJoins(),
                String.join(" or ", contentious));
    }

    /** Whether the series has at most {@code rows} stored redemptions; counting stops there, so it costs no more. */
    private static boolean historyWithin(Statement st, Series s, long rows) throws SQLException {
        try (ResultSet rs = st.executeQuery("select count(*) from (select from redemption where series_id = %d limit %d) h"
                .formatted(s.seriesId(), rows + 1))) {
            rs.next();
            return rs.getLong(1) <= rows;
        }
    }

    /**
     * Every refused row of a job in file order, as {@code line, code, message}: rules 1 to 5's from the staging
     * table, rules 6 to 13's from the refused table, with their messages.
     */
    String refusedRows(Job job) throws SQLException {
        return refusedRows(job, seriesOf(job));
    }

    private static String refusedRows(Job job, Series s) {
        return """
                select s.line, coalesce(s.error_code, x.code), coalesce(s.error_message, case x.code
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
                end)
                from %1$s s
                left join %6$s x on x.line = s.line
                where s.error_code is not null or x.code is not null
                order by s.line
                """.formatted(job.stagingTable(), s.seriesId(), s.validTill(),
                s.redemptionPerCouponMaxLimit(), s.maxRedemptionsInSeriesPerUser(), refusedTable(job));
    }
}
