package com.redeemupload.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.redeemupload.upload.ColumnMapping;
import com.redeemupload.upload.CouponIdentifier;
import com.redeemupload.upload.CustomerIdentifier;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** All SQL on {@code upload_job}. Every write that a worker makes is fenced by the attempt it claimed. */
public final class Jobs {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "job_id, org_id, series_id, status, source, created_on, updated_on, file_name, "
            + "customer_identifier, coupon_identifier, column_mapping::text, has_header_row, details, actual_row_count, "
            + "total_uploaded_count, error_count, processed_count, upload_table_name, failure_reason, has_success_file, "
            + "has_error_file, attempts";

    private static final String NOW_MS = "(extract(epoch from clock_timestamp()) * 1000)::bigint";

    private final DataSource dataSource;

    public Jobs(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Reserves a job id, so the file can be stored under it before the job exists. */
    public long reserveJobId() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select nextval(pg_get_serial_sequence('upload_job', 'job_id'))");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Queues the job; or, when a job of the org already has its intake key (the same folder file read again), leaves
     * that one as it is and returns it.
     */
    public Job create(NewJob job) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("insert into upload_job (job_id, org_id, series_id, status, source, "
                     + "created_on, updated_on, file_name, customer_identifier, coupon_identifier, column_mapping, "
                     + "has_header_row, details, intake_key) values (?, ?, ?, 'QUEUED', ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?) "
                     + "on conflict (org_id, intake_key) where intake_key is not null do nothing returning " + COLUMNS)) {
            ps.setLong(1, job.jobId());
            ps.setLong(2, job.orgId());
            ps.setLong(3, job.seriesId());
            ps.setString(4, job.source().name());
            ps.setLong(5, job.createdOn());
            ps.setLong(6, job.createdOn());
            ps.setString(7, job.fileName());
            ps.setString(8, job.customerIdentifier().name());
            ps.setString(9, job.couponIdentifier().name());
            ps.setString(10, toJson(job.columnMapping().toStored()));
            ps.setBoolean(11, job.hasHeaderRow());
            ps.setString(12, job.details());
            ps.setString(13, job.intakeKey());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return map(rs);
                }
            }
        }
        return findByIntakeKey(job.orgId(), job.intakeKey())
                .orElseThrow(() -> new IllegalStateException("job " + job.jobId() + " was neither created nor found by its intake key"));
    }

    /** The org's job made from the watched-folder file with this key, if there is one. */
    public Optional<Job> findByIntakeKey(long orgId, String intakeKey) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from upload_job where org_id = ? and intake_key = ?")) {
            ps.setLong(1, orgId);
            ps.setString(2, intakeKey);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    /** The job, if it belongs to the org: another org's job is as absent as one that does not exist. */
    public Optional<Job> find(long orgId, long jobId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from upload_job where job_id = ? and org_id = ?")) {
            ps.setLong(1, jobId);
            ps.setLong(2, orgId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    static Job get(Connection c, long jobId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from upload_job where job_id = ?")) {
            ps.setLong(1, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("job " + jobId + " does not exist");
                }
                return map(rs);
            }
        }
    }

    /** A series' jobs, newest first. */
    public List<Job> listBySeries(long orgId, long seriesId, int limit, int offset) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from upload_job where series_id = ? and org_id = ? "
                     + "order by job_id desc limit ? offset ?")) {
            ps.setLong(1, seriesId);
            ps.setLong(2, orgId);
            ps.setInt(3, limit);
            ps.setInt(4, offset);
            List<Job> jobs = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    jobs.add(map(rs));
                }
            }
            return jobs;
        }
    }

    /** Candidates for a worker: queued jobs, and processing ones whose worker may have died. Oldest first. */
    static List<Long> openJobIds(Connection c, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select job_id from upload_job where status in ('QUEUED', 'PROCESSING') "
                + "order by job_id limit ?")) {
            ps.setInt(1, limit);
            return jobIds(ps);
        }
    }

    /** Marks a job PROCESSING for a new attempt; empty when it ended meanwhile. Caller holds the job's lock. */
    static Optional<Job> startAttempt(Connection c, long jobId, String stagingTable) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update upload_job set status = 'PROCESSING', attempts = attempts + 1, "
                + "processed_count = 0, upload_table_name = ?, updated_on = " + NOW_MS + " "
                + "where job_id = ? and status in ('QUEUED', 'PROCESSING') returning " + COLUMNS)) {
            ps.setString(1, stagingTable);
            ps.setLong(2, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    static void recordProgress(Connection c, Job job, long processed) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update upload_job set processed_count = ?, updated_on = " + NOW_MS
                + " where job_id = ? and attempts = ?")) {
            ps.setLong(1, processed);
            ps.setLong(2, job.jobId());
            ps.setInt(3, job.attempts());
            ps.executeUpdate();
        }
    }

    /** Ends the attempt COMPLETED, in the caller's transaction (the one that stored the redemptions). */
    static void complete(Connection c, Job job, long rows, long accepted, boolean hasErrorFile) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update upload_job set status = 'COMPLETED', actual_row_count = ?, "
                + "total_uploaded_count = ?, error_count = ?, processed_count = ?, has_success_file = true, has_error_file = ?, "
                + "failure_reason = null, updated_on = " + NOW_MS + ", undelivered_since = " + NOW_MS
                + " where job_id = ? and attempts = ? and status = 'PROCESSING'")) {
            ps.setLong(1, rows);
            ps.setLong(2, accepted);
            ps.setLong(3, rows - accepted);
            ps.setLong(4, rows);
            ps.setBoolean(5, hasErrorFile);
            ps.setLong(6, job.jobId());
            ps.setInt(7, job.attempts());
            if (ps.executeUpdate() != 1) {
                throw new IllegalStateException("job " + job.jobId() + " attempt " + job.attempts()
                        + " is no longer the one processing it; its outcome is discarded");
            }
        }
    }

    static void fail(Connection c, Job job, long rowsRead, String reason) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update upload_job set status = 'FAILED', failure_reason = ?, "
                + "actual_row_count = ?, processed_count = ?, total_uploaded_count = 0, error_count = 0, "
                + "has_success_file = false, has_error_file = false, updated_on = " + NOW_MS + ", undelivered_since = " + NOW_MS
                + " where job_id = ? and attempts = ? and status = 'PROCESSING'")) {
            ps.setString(1, reason);
            ps.setLong(2, rowsRead);
            ps.setLong(3, rowsRead);
            ps.setLong(4, job.jobId());
            ps.setInt(5, job.attempts());
            ps.executeUpdate();
        }
    }

    /**
     * Ended jobs not handed on for {@code afterMs} (their instance died between the commit and the hand-over, or the
     * hand-over failed), at most {@code limit}; each is marked as tried now, so that no other instance takes it
     * within {@code afterMs} again.
     */
    static List<Long> claimUndelivered(Connection c, long afterMs, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update upload_job set undelivered_since = " + NOW_MS
                + " where job_id in (select job_id from upload_job where undelivered_since < " + NOW_MS + " - ?"
                + " order by undelivered_since limit ? for update skip locked) returning job_id")) {
            ps.setLong(1, afterMs);
            ps.setInt(2, limit);
            return jobIds(ps);
        }
    }

    private static List<Long> jobIds(PreparedStatement query) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    static void delivered(Connection c, long jobId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update upload_job set undelivered_since = null where job_id = ?")) {
            ps.setLong(1, jobId);
            ps.executeUpdate();
        }
    }

    private static Job map(ResultSet rs) throws SQLException {
        return new Job(
                rs.getLong(1), rs.getLong(2), rs.getLong(3),
                JobStatus.valueOf(rs.getString(4)), JobSource.valueOf(rs.getString(5)),
                rs.getLong(6), rs.getLong(7), rs.getString(8),
                CustomerIdentifier.valueOf(rs.getString(9)), CouponIdentifier.valueOf(rs.getString(10)),
                ColumnMapping.fromStored(fromJson(rs.getString(11))), rs.getBoolean(12), rs.getString(13),
                rs.getLong(14), rs.getLong(15), rs.getLong(16), rs.getLong(17),
                rs.getString(18), rs.getString(19), rs.getBoolean(20), rs.getBoolean(21), rs.getInt(22));
    }

    private static String toJson(Map<String, Integer> mapping) {
        try {
            return JSON.writeValueAsString(mapping);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Integer> fromJson(String json) {
        try {
            return JSON.readValue(json, new TypeReference<>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("bad column mapping stored: " + json, e);
        }
    }
}
