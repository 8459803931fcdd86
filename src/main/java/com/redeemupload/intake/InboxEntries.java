package com.redeemupload.intake;

import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The watched folder's consumer filter: what it may look into and pick up, without ever following a link.
 * <ul>
 * <li>A link to a folder (at any level) is not entered: skipped, with one logged reason (moving it would be
 * unsafe).</li>
 * <li>A link named like a CSV file (to a file, to nothing) is moved, as a link, to {@code .failed/} with a reason
 * at once, never read.</li>
 * <li>A file whose {@code .done} or {@code .failed} beside it is not a real folder, or that is reached through a
 * link, is skipped with one logged reason: moving it there would write outside the watched folder.</li>
 * </ul>
 * Every other entry is left to the consumer's read lock and the intake ({@link FolderIntake}).
 */
public final class InboxEntries implements GenericFileFilter<File> {

    private static final Logger LOG = LoggerFactory.getLogger(InboxEntries.class);

    private final Path outbox;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    /** @param outbox where the reason for a refused file also goes */
    public InboxEntries(String outbox) {
        this.outbox = Path.of(outbox);
    }

    @Override
    public boolean accept(GenericFile<File> file) {
        Path root = Path.of(file.getEndpointPath());
        Path path = file.getFile().toPath();
        try {
            BasicFileAttributes entry = InboxFolders.entry(path);
            if (entry == null) {
                if (path.getFileName().toString().indexOf('\uFFFD') >= 0) {   // else it went since it was listed
                    skip(path, "its name is not valid in the file system's encoding (sun.jnu.encoding), so it cannot be "
                            + "read or moved; rename it");
                }
                return false;
            }
            if (entry.isSymbolicLink()) {
                return link(root, path);
            }
            if (!InboxFolders.reachedWithoutLinks(root, entry.isDirectory() ? path : path.getParent())) {
                skip(path, "it is reached through a symbolic link; the service does not follow links");
                return false;
            }
            if (!entry.isDirectory()) {
                InboxFolders.requireRealFolderOrNone(path.resolveSibling(".done"));
                InboxFolders.requireRealFolderOrNone(path.resolveSibling(".failed"));
            }
            return true;
        } catch (InboxFolders.UnsafePathException e) {
            skip(path, e.getMessage());
            return false;
        } catch (IOException e) {
            skip(path, "it cannot be looked at: " + e);
            return false;
        }
    }

    private boolean link(Path root, Path path) throws IOException {
        if (Files.isDirectory(path)) {
            skip(path, "it is a symbolic link to a folder; the service does not follow links (remove it)");
        } else if (path.getFileName().toString().endsWith(".csv")) {   // what the consumer would pick up
            Path relative = root.toAbsolutePath().normalize().relativize(path.toAbsolutePath().normalize());
            String reason = "the file is a symbolic link; the inbox takes regular files only, never through a link (copy the file itself)";
            try {
                FailedFiles.refuse(path, relative, outbox, reason, true);
                LOG.warn("File {} cannot become a job: {}", FolderIntake.printable(relative.toString()), reason);
            } catch (java.nio.file.NoSuchFileException movedByAnotherInstance) {
                LOG.debug("Link {} went meanwhile", path);
            }
        }
        return false;
    }

    /** Logs why an entry is left where it is, once for as long as the service runs, not at every poll. */
    private void skip(Path path, String why) {
        if (reported.add(path + "\n" + why)) {
            LOG.warn("Skipping {} in the watched folder: {}", FolderIntake.printable(path.toString()), why);
        }
    }
}
