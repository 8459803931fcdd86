package com.redeemupload.intake;

import com.redeemupload.job.Job;
import com.redeemupload.job.JobSource;
import com.redeemupload.pipeline.CsvReader;
import com.redeemupload.registry.Orgs;
import com.redeemupload.registry.SeriesStore;
import com.redeemupload.upload.Submissions;
import com.redeemupload.upload.UploadSettings;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a file picked up from a watched folder ({@code {orgId}/{couponSeriesId}/NAME.csv}, with an optional sidecar
 * {@code NAME.csv.json}) into a job, and says where the file goes next: {@code .done/NAME.job-{jobId}.csv} beside it,
 * or {@code .failed/NAME.csv} with {@code NAME.csv.reason.txt} when it cannot become a job. The file consumer does
 * the move once the exchange is done (exchange property {@value #MOVE_TO}), so a crash before then leaves the file
 * where it was, to be picked up again.
 */
public final class FolderIntake {

    public static final String MOVE_TO = "moveTo";

    private static final Logger LOG = LoggerFactory.getLogger(FolderIntake.class);
    private static final Pattern LAYOUT = Pattern.compile("(\\d{1,18})[/\\\\](\\d{1,18})[/\\\\]([^/\\\\]+)");

    private final Orgs orgs;
    private final SeriesStore series;
    private final Submissions submissions;
    private final int maxLineLength;
    private final int maxColumnIndex;

    public FolderIntake(Orgs orgs, SeriesStore series, Submissions submissions, int maxLineLength, int maxColumnIndex) {
        this.orgs = orgs;
        this.series = series;
        this.submissions = submissions;
        this.maxLineLength = maxLineLength;
        this.maxColumnIndex = maxColumnIndex;
    }

    public Job submit(@Header(Exchange.FILE_PATH) String path, @Header(Exchange.FILE_NAME) String relativePath,
                      @Header("redeemSource") String source, Exchange exchange) throws IOException, SQLException {
        Path csv = Path.of(path).toAbsolutePath();
        exchange.setProperty(MOVE_TO, csv.resolveSibling(".failed").resolve(csv.getFileName()).toString());
        Matcher layout = LAYOUT.matcher(relativePath);
        if (!layout.matches()) {
            throw new IntakeRefusedException("files go in {orgId}/{couponSeriesId}/NAME.csv under the folder; this one is at "
                    + relativePath);
        }
        long orgId = Long.parseLong(layout.group(1));
        long seriesId = Long.parseLong(layout.group(2));
        if (!orgs.exists(orgId)) {
            throw new IntakeRefusedException("there is no org " + orgId + " (the first folder is the org id)");
        }
        if (series.find(orgId, seriesId).isEmpty()) {
            throw new IntakeRefusedException("org " + orgId + " has no coupon series " + seriesId + " (the second folder is the series id)");
        }
        Path sidecar = sidecarOf(csv);
        String sidecarText = Files.exists(sidecar) ? Files.readString(sidecar, StandardCharsets.UTF_8) : null;
        UploadSettings settings = DerivedSettings.of(sidecarText, () -> CsvReader.firstRecord(csv, maxLineLength), sidecar.getFileName().toString(),
                maxColumnIndex);

        // a file read again is that job once more: its instance died after making its job, before moving it away, or
        // the SFTP mirror copied one remote file twice (its copies keep the remote file's time)
        String intakeKey = source + ":" + relativePath.replace('\\', '/') + ":" + Files.size(csv) + ":"
                + Files.getLastModifiedTime(csv).toMillis();
        Optional<Job> earlier = submissions.folderFileJob(orgId, intakeKey);
        Job job = earlier.isPresent() ? earlier.get() : submissions.submitFolderFile(orgId, seriesId, JobSource.valueOf(source),
                csv.getFileName().toString(), csv, settings, intakeKey);
        String base = csv.getFileName().toString().replaceFirst("\\.csv$", "");
        Path done = csv.resolveSibling(".done").resolve(base + ".job-" + job.jobId() + ".csv");
        exchange.setProperty(MOVE_TO, done.toString());
        moveIfExists(sidecar, done.resolveSibling(done.getFileName() + ".json"));
        if (earlier.isPresent()) {
            LOG.warn("{} file {} is job {} already: read again (its instance stopped before moving it away, or it was "
                    + "copied from the SFTP server twice); moved to .done under that job", source, relativePath, job.jobId());
        } else {
            LOG.info("{} file {} became job {}", source, relativePath, job.jobId());
        }
        return job;
    }

    /**
     * Writes why a file was refused beside where it is moved to, and into the outbox (where an SFTP sender sees it),
     * and moves its sidecar along.
     */
    public void refused(@Header(Exchange.FILE_PATH) String path, @Header(Exchange.FILE_NAME) String relativePath,
                        @Header("redeemOutbox") String outbox, Exchange exchange) throws IOException {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String reason = cause instanceof IntakeRefusedException ? cause.getMessage()
                : "the service could not take the file: " + cause;
        Path csv = Path.of(path).toAbsolutePath();
        Path failed = csv.resolveSibling(".failed").resolve(csv.getFileName());
        exchange.setProperty(MOVE_TO, failed.toString());
        Files.createDirectories(failed.getParent());
        String reasonFile = csv.getFileName() + ".reason.txt";
        Files.writeString(failed.resolveSibling(reasonFile), reason + System.lineSeparator());
        Path inOutbox = Path.of(outbox).resolve(relativePath).resolveSibling(reasonFile);
        Files.createDirectories(inOutbox.getParent());
        Path aside = inOutbox.resolveSibling("." + reasonFile + ".part");
        Files.writeString(aside, reason + System.lineSeparator());
        Files.move(aside, inOutbox, StandardCopyOption.REPLACE_EXISTING);
        moveIfExists(sidecarOf(csv), failed.resolveSibling(csv.getFileName() + ".json"));
        LOG.warn("File {} cannot become a job: {}", relativePath, reason);
    }

    private static Path sidecarOf(Path csv) {
        return csv.resolveSibling(csv.getFileName() + ".json");
    }

    private static void moveIfExists(Path from, Path to) throws IOException {
        if (Files.exists(from)) {
            Files.createDirectories(to.getParent());
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
