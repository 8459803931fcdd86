package com.redeemupload.job;

import com.redeemupload.api.ApiException;
import com.redeemupload.api.Authenticate;
import com.redeemupload.api.ErrorCodes;
import com.redeemupload.files.FileStore;
import com.redeemupload.files.JobFile;
import com.redeemupload.registry.SeriesStore;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.apache.camel.Message;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;

/** Answers the status and download calls (contract 2.3 and 2.4), always within the caller's org. */
public final class JobQueries {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    private final Jobs jobs;
    private final SeriesStore series;
    private final JobView view;
    private final FileStore files;

    public JobQueries(Jobs jobs, SeriesStore series, JobView view, FileStore files) {
        this.jobs = jobs;
        this.series = series;
        this.view = view;
        this.files = files;
    }

    public Map<String, Object> seriesJobs(@ExchangeProperty(Authenticate.ORG_ID) long orgId,
                                          @Header("couponSeriesId") String seriesId,
                                          @Header("limit") String limit, @Header("offset") String offset) throws SQLException {
        long id = parseId(seriesId, "coupon series");
        if (series.find(orgId, id).isEmpty()) {
            throw new ApiException(404, ErrorCodes.SERIES_INVALID, "Series ID invalid: the org has no coupon series " + seriesId);
        }
        int l = intParam("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT);
        int o = intParam("offset", offset, 0, 0, Integer.MAX_VALUE);
        return view.seriesJobs(orgId, id, jobs.listBySeries(orgId, id, l, o));
    }

    public Map<String, Object> job(@ExchangeProperty(Authenticate.ORG_ID) long orgId, @Header("jobId") String jobId) throws SQLException {
        return view.of(find(orgId, jobId));
    }

    /** Sets the body to the file (streamed by platform-http) with CSV download headers; 404 while it does not exist. */
    public void file(@ExchangeProperty(Authenticate.ORG_ID) long orgId, @Header("jobId") String jobId,
                     @Header("file") String fileName, Exchange exchange) throws SQLException {
        JobFile file = JobFile.byUrlName(fileName).orElseThrow(() -> new ApiException(404, ErrorCodes.NOT_FOUND,
                "there is no file '" + fileName + "'; the files of a job are uploaded, success and error"));
        Job job = find(orgId, jobId);
        boolean ready = switch (file) {
            case UPLOADED -> true;
            case SUCCESS -> job.status() == JobStatus.COMPLETED && job.hasSuccessFile();
            case ERROR -> job.status() == JobStatus.COMPLETED && job.hasErrorFile();
        };
        Path path = files.path(job.orgId(), job.jobId(), file);
        if (!ready || !Files.exists(path)) {
            throw new ApiException(404, ErrorCodes.NOT_FOUND, "job " + job.jobId() + " has no " + file.urlName() + " file "
                    + (job.status() == JobStatus.COMPLETED ? "(it had no refused rows)" : "yet (it is " + job.status() + ")"));
        }
        Message out = exchange.getMessage();
        out.removeHeaders("*");
        out.setHeader(Exchange.CONTENT_TYPE, "text/csv; charset=utf-8");
        out.setHeader("Content-Disposition", "attachment; filename=\"" + downloadName(job, file) + "\"");
        out.setBody(path.toFile());
    }

    private Job find(long orgId, String jobId) throws SQLException {
        return jobs.find(orgId, parseId(jobId, "job")).orElseThrow(() -> ApiException.notFound("job " + jobId));
    }

    private static String downloadName(Job job, JobFile file) {
        String base = job.fileName().substring(0, job.fileName().length() - ".csv".length());
        return switch (file) {
            case UPLOADED -> job.fileName();
            case SUCCESS -> base + "_success.csv";
            case ERROR -> base + "_error.csv";
        };
    }

    private static long parseId(String value, String what) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ApiException.notFound(what + " '" + value + "'");
        }
    }

    private static int intParam(String name, String value, int defaultValue, int min, int max) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            int v = Integer.parseInt(value.trim());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw new ApiException(400, ErrorCodes.BAD_REQUEST, name + " must be a whole number from " + min + " to " + max + "; got '" + value + "'");
    }
}
