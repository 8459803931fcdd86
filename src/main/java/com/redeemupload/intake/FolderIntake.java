package com.redeemupload.intake;

import com.redeemupload.files.OwnerOnly;
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
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.SQLException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a file picked up from a watched folder ({@code {orgId}/{couponSeriesId}/NAME.csv}, with an optional sidecar
 * {@code NAME.csv.json}) into a job, and says where the file goes next: {@code .done/NAME.job-{jobId}.csv} beside it,
 * or {@code .failed/NAME.csv} with {@code NAME.csv.reason.txt} when it cannot become a job. The file consumer does
 * the move once the exchange is done (exchange property {@value #MOVE_TO}), so a crash before then leaves the file
 * where it was, to be picked up again. Only a regular file is read, never through a link (see {@link InboxEntries});
 * whatever else goes wrong with a file refuses it, with the reason, except a database that cannot be reached.
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
    private final int maxSidecarBytes;

    public FolderIntake(Orgs orgs, SeriesStore series, Submissions submissions, int maxLineLength, int maxColumnIndex,
                        int maxSidecarBytes) {
        this.orgs = orgs;
        this.series = series;
        this.submissions = submissions;
        this.maxLineLength = maxLineLength;
        this.maxColumnIndex = maxColumnIndex;
        this.maxSidecarBytes = maxSidecarBytes;
    }

    public Job submit(@Header(Exchange.FILE_PATH) String path, @Header(Exchange.FILE_NAME) String relativePath,
                      @Header("redeemSource") String source, Exchange exchange) throws IOException, SQLException {
        Path csv = Path.of(path).toAbsolutePath();
        exchange.setProperty(MOVE_TO, FailedFiles.failedPath(csv).toString());
        if (!printable(relativePath).equals(relativePath)) {
            throw new IntakeRefusedException("the file's name holds a control character (a line break, a tab or the like): "
                    + printable(relativePath) + "; name it with printable characters only");
        }
        BasicFileAttributes entry = InboxFolders.entry(csv);
        if (entry == null || !entry.isRegularFile()) {
            throw new IntakeRefusedException(entry != null && entry.isSymbolicLink()
                    ? "the file is a symbolic link; the inbox takes regular files only, never through a link (copy the file itself)"
                    : "it is not a regular file (a pipe, a device or the like)");
        }
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
        Path sidecar = FailedFiles.sidecarOf(csv);
        String sidecarText = Sidecar.read(sidecar, maxSidecarBytes);
        UploadSettings settings = DerivedSettings.of(sidecarText, () -> CsvReader.firstRecord(csv, maxLineLength), sidecar.getFileName().toString(),
                maxColumnIndex);

        Path doneFolder = csv.resolveSibling(".done");
        InboxFolders.requireRealFolderOrNone(doneFolder);
        OwnerOnly.folders(doneFolder);   // before the consumer makes it with its own mode

        // a file read again is that job once more: its instance died after making its job, before moving it away, or
        // the SFTP mirror copied one remote file twice (its copies keep the remote file's time)
        String intakeKey = source + ":" + relativePath.replace('\\', '/') + ":" + entry.size() + ":"
                + entry.lastModifiedTime().toMillis();
        Optional<Job> earlier = submissions.folderFileJob(orgId, intakeKey);
        Job job = earlier.isPresent() ? earlier.get() : submissions.submitFolderFile(orgId, seriesId, JobSource.valueOf(source),
                csv.getFileName().toString(), csv, settings, intakeKey);
        String base = csv.getFileName().toString().replaceFirst("\\.csv$", "");
        Path done = doneFolder.resolve(base + ".job-" + job.jobId() + ".csv");
        exchange.setProperty(MOVE_TO, done.toString());
        FailedFiles.moveIfExists(sidecar, done.resolveSibling(done.getFileName() + ".json"));
        if (earlier.isPresent()) {
            LOG.warn("{} file {} is job {} already: read again (its instance stopped before moving it away, or it was "
                    + "copied from the SFTP server twice); moved to .done under that job", source, printable(relativePath), job.jobId());
        } else {
            LOG.info("{} file {} became job {}", source, printable(relativePath), job.jobId());
        }
        return job;
    }

    /**
     * Writes why a file was refused beside where it is moved to, and into the outbox (where an SFTP sender sees it),
     * and moves its sidecar along. Any failure refuses the file except one of the database (it may come back): then
     * the file stays where it is, to be read again at the next poll.
     */
    public void refused(@Header(Exchange.FILE_PATH) String path, @Header(Exchange.FILE_NAME) String relativePath,
                        @Header("redeemOutbox") String outbox, Exchange exchange) throws Exception {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (databaseFailure(cause)) {
            throw cause;
        }
        String reason = cause instanceof IntakeRefusedException ? cause.getMessage()
                : "the service could not take the file: " + (cause.getMessage() != null ? cause.getMessage() : cause.toString());
        Path csv = Path.of(path).toAbsolutePath();
        exchange.setProperty(MOVE_TO, FailedFiles.failedPath(csv).toString());
        FailedFiles.refuse(csv, Path.of(relativePath), Path.of(outbox), reason, false);
        LOG.warn("File {} cannot become a job: {}", printable(relativePath), reason);
        if (!(cause instanceof IntakeRefusedException)) {
            LOG.debug("Why file {} could not be taken", printable(relativePath), cause);
        }
    }

    /** The text with control characters (a line break in a file name) shown as escapes, so it logs on one line. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    private static boolean databaseFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException) {
                return true;
            }
        }
        return false;
    }
}
