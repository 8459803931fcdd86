package com.redeemupload.intake;

import com.redeemupload.files.FileStore;
import com.redeemupload.files.OwnerOnly;
import com.redeemupload.files.JobFile;
import com.redeemupload.job.Job;
import com.redeemupload.job.JobStatus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Hands a folder job's results back where its file came from: {@code {outbox}/{orgId}/{couponSeriesId}/} gets
 * {@code {fileName}_success.csv} and {@code {fileName}_error.csv} (when rows were refused), or
 * {@code {fileName}_failed.txt} with the reason. Each appears complete (written aside, then renamed), so whoever
 * watches the outbox never reads half a file. Folders the service makes there are 0700, files 0600.
 */
public final class Outbox {

    private final FileStore files;

    public Outbox(FileStore files) {
        this.files = files;
    }

    public void write(Job job, String outboxDir) throws IOException {
        Path folder = Path.of(outboxDir, Long.toString(job.orgId()), Long.toString(job.seriesId()));
        OwnerOnly.folders(folder);
        String base = job.fileName().replaceFirst("\\.csv$", "");
        if (job.status() == JobStatus.FAILED) {
            publish(folder, base + "_failed.txt", aside -> Files.writeString(aside, "Job " + job.jobId() + " FAILED: "
                    + job.failureReason() + System.lineSeparator()));
            return;
        }
        publish(folder, base + "_success.csv", aside -> Files.copy(files.path(job.orgId(), job.jobId(), JobFile.SUCCESS), aside,
                StandardCopyOption.REPLACE_EXISTING));
        if (job.hasErrorFile()) {
            publish(folder, base + "_error.csv", aside -> Files.copy(files.path(job.orgId(), job.jobId(), JobFile.ERROR), aside,
                    StandardCopyOption.REPLACE_EXISTING));
        }
    }

    private interface Writer {
        void write(Path aside) throws IOException;
    }

    private static void publish(Path folder, String name, Writer writer) throws IOException {
        Path aside = folder.resolve("." + name + ".part");   // hidden, so folder watchers skip it
        writer.write(aside);
        OwnerOnly.file(aside);   // customers' data: the service's user's only
        Files.move(aside, folder.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
