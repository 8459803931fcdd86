package com.redeemupload.job;

import com.redeemupload.files.JobFile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The job object of the API (contract 2.2), with working download URLs under the configured public URL. */
public final class JobView {

    private final String publicUrl;

    public JobView(String publicUrl) {
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    public Map<String, Object> of(Job job) {
        boolean completed = job.status() == JobStatus.COMPLETED;
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("jobId", job.jobId());
        view.put("orgId", job.orgId());
        view.put("couponSeriesId", job.seriesId());
        view.put("uploadRedeemedCouponStatus", job.status().name());
        view.put("createdOn", Long.toString(job.createdOn()));
        view.put("updatedOn", Long.toString(job.updatedOn()));
        view.put("uploadedFileName", job.fileName());
        view.put("fileName", job.fileName());
        view.put("uploadedFileUrl", fileUrl(job, JobFile.UPLOADED));
        view.put("successFileUrl", completed && job.hasSuccessFile() ? fileUrl(job, JobFile.SUCCESS) : null);
        view.put("errorFileUrl", completed && job.hasErrorFile() ? fileUrl(job, JobFile.ERROR) : null);
        view.put("actualRowCount", job.actualRowCount());
        view.put("totalUploadedCount", job.totalUploadedCount());
        view.put("errorCount", job.errorCount());
        view.put("uploadTableName", job.uploadTableName());
        view.put("processedCount", job.processedCount());
        view.put("failureReason", job.failureReason());
        view.put("source", job.source().name());
        view.put("details", job.details());
        view.put("customerIdentifier", job.customerIdentifier().name());
        view.put("couponIdentifier", job.couponIdentifier().name());
        return view;
    }

    /** The answer to an upload: the series, the file name and the new job. */
    public Map<String, Object> uploadAccepted(Job job) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("orgId", job.orgId());
        result.put("couponSeriesId", job.seriesId());
        result.put("fileName", job.fileName());
        result.put("redeemUploadJobStatuses", List.of(of(job)));
        return result;
    }

    public Map<String, Object> seriesJobs(long orgId, long seriesId, List<Job> jobs) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("orgId", orgId);
        result.put("couponSeriesId", seriesId);
        result.put("redeemUploadJobStatuses", jobs.stream().map(this::of).toList());
        return result;
    }

    private String fileUrl(Job job, JobFile file) {
        return publicUrl + "/coupon/api/v1/upload/redeemJobs/" + job.jobId() + "/files/" + file.urlName();
    }
}
