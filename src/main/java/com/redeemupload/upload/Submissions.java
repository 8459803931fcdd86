package com.redeemupload.upload;

import com.redeemupload.api.ApiException;
import com.redeemupload.api.Authenticate;
import com.redeemupload.api.ErrorCodes;
import com.redeemupload.files.FileStore;
import com.redeemupload.files.JobFile;
import com.redeemupload.job.Job;
import com.redeemupload.job.JobSource;
import com.redeemupload.job.Jobs;
import com.redeemupload.job.NewJob;
import com.redeemupload.registry.SeriesStore;

import org.apache.camel.ExchangeProperty;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Turns a received file into a QUEUED job, the same for every way in: the series must be the org's, the file is
 * stored (durably) first, then the job row is written. A crash in between leaves a stray file, never a job without one.
 */
public final class Submissions {

    private final SeriesStore series;
    private final Jobs jobs;
    private final FileStore files;

    public Submissions(SeriesStore series, Jobs jobs, FileStore files) {
        this.series = series;
        this.jobs = jobs;
        this.files = files;
    }

    public void requireSeries(long orgId, long seriesId) throws SQLException {
        if (series.find(orgId, seriesId).isEmpty()) {
            throw new ApiException(404, ErrorCodes.SERIES_INVALID, "Series ID invalid: the org has no coupon series " + seriesId);
        }
    }

    /** A file received over HTTP (still in the request's temp folder). */
    public Job submitUpload(@ExchangeProperty(Authenticate.ORG_ID) long orgId, ReceivedFile received) throws SQLException, IOException {
        return submit(orgId, received.seriesId(), JobSource.HTTP, received.originalName(), received.file(), received.settings());
    }

    /** A file on this machine's disk: moved into the store when it is on the same disk, else copied. */
    public Job submit(long orgId, long seriesId, JobSource source, String originalName, Path file, UploadSettings settings)
            throws SQLException, IOException {
        return submit(orgId, seriesId, source, originalName, settings, null, jobId -> files.storeUpload(file, orgId, jobId));
    }

    public Job submit(long orgId, long seriesId, JobSource source, String originalName, InputStream file, UploadSettings settings)
            throws SQLException, IOException {
        return submit(orgId, seriesId, source, originalName, settings, null, jobId -> files.storeUpload(file, orgId, jobId));
    }

    /**
     * A watched-folder file, copied: it stays where it is, for the folder's consumer to move once the job is made.
     * The intake key makes it one job however often it is read (see {@link #folderFileJob}); should another instance
     * have made its job meanwhile, that job is returned.
     */
    public Job submitFolderFile(long orgId, long seriesId, JobSource source, String originalName, Path file,
                                UploadSettings settings, String intakeKey) throws SQLException, IOException {
        return submit(orgId, seriesId, source, originalName, settings, intakeKey, jobId -> {
            try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {   // never read through a link
                files.storeUpload(in, orgId, jobId);
            }
        });
    }

    /** The job a watched-folder file with this intake key became already, if it did. */
    public Optional<Job> folderFileJob(long orgId, String intakeKey) throws SQLException {
        return jobs.findByIntakeKey(orgId, intakeKey);
    }

    private interface Store {
        void store(long jobId) throws IOException;
    }

    private Job submit(long orgId, long seriesId, JobSource source, String originalName, UploadSettings settings,
                       String intakeKey, Store store) throws SQLException, IOException {
        requireSeries(orgId, seriesId);
        long jobId = jobs.reserveJobId();
        store.store(jobId);
        Job job = jobs.create(newJob(jobId, orgId, seriesId, source, originalName, settings, intakeKey));
        if (job.jobId() != jobId) {
            files.delete(orgId, jobId, JobFile.UPLOADED);   // the file became that job meanwhile, read by another instance
        }
        return job;
    }

    private static NewJob newJob(long jobId, long orgId, long seriesId, JobSource source, String originalName,
                                 UploadSettings settings, String intakeKey) {
        long createdOn = System.currentTimeMillis();
        return new NewJob(jobId, orgId, seriesId, source, createdOn, SafeFileName.of(originalName, createdOn, seriesId),
                settings.customerIdentifier(), settings.couponIdentifier(), settings.columnMapping(),
                settings.hasHeaderRow(), settings.details(), intakeKey);
    }
}
