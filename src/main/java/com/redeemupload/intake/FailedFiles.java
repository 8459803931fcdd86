package com.redeemupload.intake;

import com.redeemupload.files.OwnerOnly;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The failed folder of a watched folder: a file that cannot become a job goes to {@code .failed/NAME.csv} beside
 * where it was, with {@code NAME.csv.reason.txt} saying why and its sidecar along; the reason also goes to
 * {@code {outbox}/{orgId}/{couponSeriesId}/NAME.csv.reason.txt}, where whoever dropped the file looks for results.
 * Links are moved as links, never followed.
 */
final class FailedFiles {

    private static final Logger LOG = LoggerFactory.getLogger(FailedFiles.class);

    private FailedFiles() {
    }

    /** Where a refused file goes: {@code .failed/NAME} beside it. */
    static Path failedPath(Path file) {
        return file.resolveSibling(".failed").resolve(file.getFileName());
    }

    /**
     * Writes the reason and moves the sidecar; the file itself only when {@code moveFile} (otherwise the file
     * consumer moves it once its exchange is done).
     */
    static void refuse(Path file, Path relativePath, Path outbox, String reason, boolean moveFile) throws IOException {
        Path failed = failedPath(file);
        InboxFolders.requireRealFolderOrNone(failed.getParent());
        OwnerOnly.folders(failed.getParent());
        String reasonFile = file.getFileName() + ".reason.txt";
        writeReason(failed.resolveSibling(reasonFile), reason);
        try {
            Path inOutbox = outbox.resolve(relativePath).resolveSibling(reasonFile);
            OwnerOnly.folders(inOutbox.getParent());
            Path aside = inOutbox.resolveSibling("." + reasonFile + ".part");
            writeReason(aside, reason);
            Files.move(aside, inOutbox, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            // the file is refused all the same: trying it again would only fail the same way
            LOG.warn("Could not write the reason for {} to the outbox {}: {}", FolderIntake.printable(relativePath.toString()), outbox, e.toString());
        }
        moveIfExists(sidecarOf(file), failed.resolveSibling(file.getFileName() + ".json"));
        if (moveFile) {
            Files.move(file, failed, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static Path sidecarOf(Path csv) {
        return csv.resolveSibling(csv.getFileName() + ".json");
    }

    /** Moves a file, a link or a folder as it is (a link stays a link) when it exists. */
    static void moveIfExists(Path from, Path to) throws IOException {
        if (Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
            OwnerOnly.folders(to.getParent());
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void writeReason(Path file, String reason) throws IOException {
        Files.deleteIfExists(file);   // never written through a link left there
        Files.writeString(OwnerOnly.newFile(file), reason + System.lineSeparator());
    }
}
