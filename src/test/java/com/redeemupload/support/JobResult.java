package com.redeemupload.support;

import com.fasterxml.jackson.databind.JsonNode;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A COMPLETED job with its success and error files read back, checked on the way in against what the contract
 * promises of every completed job: the count invariant, a success file that is exactly the job's redemptions (in
 * file order, with their ids), and an error file that has exactly errorCount rows (or does not exist).
 */
public final class JobResult {

    /** One redemption the job created, as stored. */
    public record Stored(long redemptionId, long userId, long couponId, long rowNumber) {
    }

    public final JsonNode job;
    public final long jobId;
    /** The records of the success and error files, header row (when the upload had one) included. */
    public final List<List<String>> successFile;
    public final List<List<String>> errorFile;
    public final String errorFileText;
    public final List<Stored> redemptions;

    private JobResult(JsonNode job, List<List<String>> successFile, String errorFileText, List<Stored> redemptions) {
        this.job = job;
        this.jobId = job.get("jobId").asLong();
        this.successFile = successFile;
        this.errorFileText = errorFileText;
        this.errorFile = errorFileText == null ? List.of() : Csv.parse(errorFileText);
        this.redemptions = redemptions;
    }

    /** Uploads, waits for the end, and checks the job COMPLETED with consistent counts and files. */
    public static JobResult upload(TestOrg org, DataSource dataSource, long seriesId, String csv, java.util.Map<String, String> fields) {
        JsonNode job = org.uploadAndWait(seriesId, csv, fields);
        return completed(org, dataSource, job, !"false".equals(fields.get("hasHeaderRow")));
    }

    public static JobResult completed(TestOrg org, DataSource dataSource, JsonNode job, boolean hasHeaderRow) {
        assertThat(job.get("uploadRedeemedCouponStatus").asText())
                .as("job status (failureReason: %s)", job.get("failureReason")).isEqualTo("COMPLETED");
        long jobId = job.get("jobId").asLong();
        long total = job.get("totalUploadedCount").asLong();
        long errors = job.get("errorCount").asLong();
        long actual = job.get("actualRowCount").asLong();
        assertThat(total + errors).as("totalUploadedCount + errorCount").isEqualTo(actual);
        assertThat(job.get("processedCount").asLong()).as("processedCount").isEqualTo(actual);

        List<Stored> stored = redemptionsOf(dataSource, jobId);
        assertThat(stored).as("redemptions of job %d", jobId).hasSize((int) total);

        List<List<String>> success = Csv.parse(org.file(jobId, "success"));
        int skip = hasHeaderRow ? 1 : 0;
        assertThat(success).as("success file rows").hasSize((int) total + skip);
        if (hasHeaderRow) {
            assertThat(success.get(0)).last().isEqualTo("redemptionId");
        }
        for (int i = 0; i < stored.size(); i++) {
            List<String> row = success.get(i + skip);
            assertThat(row.get(row.size() - 1)).as("redemptionId of success row %d", i + 1)
                    .isEqualTo(Long.toString(stored.get(i).redemptionId()));
        }

        String errorText = null;
        Http.Response r = org.api.get("/coupon/api/v1/upload/redeemJobs/" + jobId + "/files/error");
        if (errors == 0) {
            assertThat(r.status()).as("error file of a job without errors").isEqualTo(404);
        } else {
            assertThat(r.status()).as("error file").isEqualTo(200);
            errorText = r.body();
            List<List<String>> error = Csv.parse(errorText);
            assertThat(error).as("error file rows").hasSize((int) errors + skip);
            if (hasHeaderRow) {
                assertThat(error.get(0).subList(error.get(0).size() - 3, error.get(0).size()))
                        .containsExactly("errorCode", "errorMessage", "rowNumber");
            }
        }
        return new JobResult(job, success, errorText, stored);
    }

    private static List<Stored> redemptionsOf(DataSource dataSource, long jobId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select redemption_id, org_user_id, coupon_id, row_number from redemption "
                     + "join customer using (user_id) where job_id = ? order by row_number")) {
            ps.setLong(1, jobId);
            List<Stored> list = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    list.add(new Stored(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
                }
            }
            return list;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The error file's row for a line of the uploaded file. */
    public List<String> errorRow(long line) {
        return errorFile.stream().filter(r -> r.get(r.size() - 1).equals(Long.toString(line))).findFirst()
                .orElseThrow(() -> new AssertionError("no error row for line " + line + " in:\n" + errorFileText));
    }

    public int errorCode(long line) {
        List<String> row = errorRow(line);
        return Integer.parseInt(row.get(row.size() - 3));
    }
}
