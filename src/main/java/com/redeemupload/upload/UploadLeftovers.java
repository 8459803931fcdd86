package com.redeemupload.upload;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * Deletes what uploads left in {@code camel.server.fileUploadDirectory} when their request never ended: Vert.x
 * deletes a request's parts when it ends, so only a killed instance leaves them, each as big as what had arrived.
 * A part untouched for {@code redeem.http.upload-leftover-hours} belongs to no live request: one that is still
 * arriving is written to all the time. The age, not the folder, tells them apart, because instances started in
 * one folder share it.
 */
public final class UploadLeftovers {

    private static final Logger LOG = LoggerFactory.getLogger(UploadLeftovers.class);

    private final Path directory;
    private final Duration maxAge;

    public UploadLeftovers(Path directory, Duration maxAge) {
        this.directory = directory;
        this.maxAge = maxAge;
    }

    /** Returns how many files it deleted. */
    public int deleteStale() throws IOException {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        FileTime before = FileTime.from(Instant.now().minus(maxAge));
        List<Path> stale;
        try (Stream<Path> files = Files.list(directory)) {
            stale = files.filter(Files::isRegularFile).filter(f -> lastModified(f).compareTo(before) < 0).toList();
        }
        int deleted = 0;
        for (Path file : stale) {
            if (Files.deleteIfExists(file)) {
                deleted++;
            }
        }
        if (deleted > 0) {
            LOG.info("Deleted {} upload part(s) left in {} by requests that never ended", deleted, directory);
        }
        return deleted;
    }

    private static FileTime lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException gone) {
            return FileTime.from(Instant.MAX);   // deleted meanwhile: nothing to do
        }
    }
}
