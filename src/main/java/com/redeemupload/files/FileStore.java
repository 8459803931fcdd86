package com.redeemupload.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Where job files live: {@code {dir}/{orgId}/{jobId}/uploaded.csv}, {@code success.csv} and {@code error.csv}.
 * A file appears under its final name only once it is complete and on disk (written aside, forced, then moved),
 * so a crash never leaves a half file behind a job. They hold customers' data: folders 0700, files 0600.
 */
public final class FileStore {

    private final Path dir;

    public FileStore(Path dir) {
        this.dir = dir;
    }

    public Path path(long orgId, long jobId, JobFile file) {
        return dir.resolve(Long.toString(orgId)).resolve(Long.toString(jobId)).resolve(file.urlName() + ".csv");
    }

    /** Stores an uploaded file by moving it (same disk: instant) or else copying it; returns its size in bytes. */
    public long storeUpload(Path source, long orgId, long jobId) throws IOException {
        Path target = path(orgId, jobId, JobFile.UPLOADED);
        OwnerOnly.folders(target.getParent());
        Path aside = aside(target);
        try {
            Files.move(source, aside, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException notOnSameDisk) {
            Files.copy(source, aside, StandardCopyOption.REPLACE_EXISTING);
        }
        OwnerOnly.file(aside);   // a moved file keeps the mode it was written with
        force(aside);
        publish(aside, target);
        return Files.size(target);
    }

    /** Stores a file given as a stream (from another route, or a remote folder); returns its size in bytes. */
    public long storeUpload(InputStream source, long orgId, long jobId) throws IOException {
        Path target = path(orgId, jobId, JobFile.UPLOADED);
        OwnerOnly.folders(target.getParent());
        Path aside = OwnerOnly.newFile(aside(target));
        try (OutputStream out = Files.newOutputStream(aside)) {
            source.transferTo(out);
        }
        force(aside);
        publish(aside, target);
        return Files.size(target);
    }

    /** Creates a result file to write; {@link #publish(Path, Path)} it with {@link #finish} once complete. */
    public Path startWriting(long orgId, long jobId, JobFile file) throws IOException {
        Path target = path(orgId, jobId, file);
        OwnerOnly.folders(target.getParent());
        return OwnerOnly.newFile(aside(target));
    }

    public void finish(Path written, long orgId, long jobId, JobFile file) throws IOException {
        force(written);
        publish(written, path(orgId, jobId, file));
    }

    /** Deletes a job's file, and what was being written of it, if anything. */
    public void delete(long orgId, long jobId, JobFile file) throws IOException {
        Path target = path(orgId, jobId, file);
        Files.deleteIfExists(target);
        Files.deleteIfExists(aside(target));
    }

    private static Path aside(Path target) {
        return target.resolveSibling(target.getFileName() + ".part");
    }

    private static void force(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    private static void publish(Path aside, Path target) throws IOException {
        try {
            Files.move(aside, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(aside, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
