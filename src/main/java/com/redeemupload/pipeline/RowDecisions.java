package com.redeemupload.pipeline;

import com.redeemupload.job.Job;
import com.redeemupload.job.JobLease;
import com.redeemupload.registry.Customers;
import com.redeemupload.registry.Series;
import com.redeemupload.upload.CouponIdentifier;
import com.redeemupload.registry.SeriesStore;
import org.apache.camel.ExchangeProperty;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;

/**
 * Rules 6 to 13 for all of a job's staged rows at once, in SQL, then the redemptions of the accepted rows.
 * <p>
 * Runs in the attempt's transaction, which stays open until the job is COMPLETED: the redemptions appear all at
 * once, or (on failure) never. Rules 6 to 10 need only the registry; from rules 11 to 13 on, a transaction-level
 * advisory lock on the series serialises jobs of one series on every instance, so two jobs can never together break
 * a limit. Reading, staging and rules 6 to 10 stay parallel.
 * <p>
 * Rules 11 to 13 count earlier accepted rows of the same file, so a row's fate can depend on rows before it. Each
 * row is first judged twice with window functions: as if no earlier row of the file had been accepted, and as if
 * all earlier candidates had been. Where both agree (nearly always) that is the answer; the few rows where they
 * differ are decided one by one, in file order, by {@code staging.decide_contested_rows}.
 */
public final class RowDecisions {

    private final SeriesStore series;

    public RowDecisions(SeriesStore series) {
        this.series = series;
    }

    public void decide(@ExchangeProperty("lease") JobLease lease) throws SQLException {
        if (lease.rowsRead() == 0) {
            throw new BadFileException("the file has no data rows" + (lease.job().hasHeaderRow() ? " (only a header row)" : ""));
        }
        lease.stageDone("read, check and stage");
        Job job = lease.job();
        Series s = series.find(job.orgId(), job.seriesId())
                .orElseThrow(() -> new BadFileException("coupon series " + job.seriesId() + " no longer exists"));
        Connection c = lease.connection();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.execute("set local work_mem = '64MB'");
            st.execute(resolveRegistry(job, s, Customers.match("s.customer_by", "s.customer_key", job.orgId(),
                    lease.customerIdentifiersSeen()), lease.couponIdentifiersSeen()));
            lease.stageDone("rules 6-10");
            // from here on other jobs' redemptions count: one job of the series at a time, until this one commits
            st.execute("select pg_advisory_xact_lock(1, " + job.seriesId() + ")");
            lease.stageDone("wait for series lock");
            st.execute(judgeLimits(s));
            st.execute("analyze contest");
            lease.stageDone("rules 11-13");
            st.execute("select staging.decide_contested_rows(" + s.sameUserMultipleRedeem() + ", "
                    + s.redemptionPerCouponMaxLimit() + ", " + s.maxRedemptionsInSeriesPerUser() + ")");
            lease.stageDone("contested rows");
            lease.setRowsAccepted(st.executeUpdate(insertRedemptions(job)));
            lease.stageDone("insert redemptions");
            st.executeUpdate(recordRefusals(job, s));
            lease.stageDone("record refusals");
        }
    }

    /** Rules 6 to 10: who and which coupon the row names, and the checks that need only those. */
    private static String resolveRegistry(Job job, Series s, Customers.Match customer, Set<CouponIdentifier> coupons) {
        long org = job.orgId();
        long series = job.seriesId();
        String validTill = s.validTill() == null ? "null::bigint" : Long.toString(s.validTill());
        return """
                create temp table decided on commit drop as
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
                coupons.contains(CouponIdentifier.COUPON_ID), coupons.contains(CouponIdentifier.COUPON_CODE));
    }

    /**
     * Rules 11 to 13 judged with bounds: {@code *_stored} counts stored redemptions, {@code *_earlier} the earlier
     * candidates of the file. Code 0 = accepted for certain, null = contested (decided row by row). A rule the series
     * does not enforce costs nothing: its counts are 0 (bigint, like real counts: the PL/pgSQL function that reads them
     * keeps its plan across calls) and neither its window nor its look-up runs.
     */
    private static String judgeLimits(Series s) {
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
                           where (r.coupon_id, r.user_id) in (select coupon_id, user_id from decided where code is null)
                           group by r.coupon_id, r.user_id) p on p.coupon_id = d.coupon_id and p.user_id = d.user_id""";
        String couponJoin = !rule12 ? "" : """
                left join (select r.coupon_id, count(*) as n from redemption r
                           where r.coupon_id in (select coupon_id from decided where code is null)
                           group by r.coupon_id) cn on cn.coupon_id = d.coupon_id""";
        String userJoin = !rule13 ? "" : """
                left join (select r.user_id, count(*) as n from redemption r
                           where r.series_id = %d and r.user_id in (select user_id from decided where code is null)
                           group by r.user_id) un on un.user_id = d.user_id""".formatted(s.seriesId());
        return """
                create temp table contest on commit drop as
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
                    from decided d
                    %10$s
                    %11$s
                    %12$s
                    where d.code is null
                ) b
                """.formatted(fails11.formatted("pair_earlier"), fails12.formatted("coupon_earlier"), fails13.formatted("user_earlier"),
                fails11.formatted("0"), fails12.formatted("0"), fails13.formatted("0"),
                pairCounts, couponCounts, userCounts, pairJoin, couponJoin, userJoin);
    }

    private static String insertRedemptions(Job job) {
        return """
                insert into redemption (org_id, series_id, coupon_id, user_id, redeemed_date, redeemed_at, bill_id,
                                        bill_number, details, job_id, row_number)
                select %d, %d, coupon_id, user_id, redeemed_date, redeemed_at, bill_id, bill_number, details, %d, line
                from contest where code = 0 order by line
                """.formatted(job.orgId(), job.seriesId(), job.jobId());
    }

    /** Rules 6 to 13's refusals, with their messages, into the staging table (rules 1 to 5's are there already). */
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
                from (select line, code, expires_on from decided where code is not null
                      union all
                      select line, code, null from contest where code <> 0) x
                where s.line = x.line
                """.formatted(job.stagingTable(), s.seriesId(), s.validTill(),
                s.redemptionPerCouponMaxLimit(), s.maxRedemptionsInSeriesPerUser());
    }
}
