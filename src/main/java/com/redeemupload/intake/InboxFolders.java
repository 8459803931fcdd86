package com.redeemupload.intake;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/** Checks that keep a watched folder's reads and moves inside it: no link is ever followed. */
final class InboxFolders {

    private InboxFolders() {
    }

    /** A place the service would write through, found to be a link or a file where a folder belongs. */
    static final class UnsafePathException extends IOException {
        UnsafePathException(String message) {
            super(message);
        }
    }

    /** The attributes of the entry itself (a link's, not its target's); null when there is none. */
    static BasicFileAttributes entry(Path path) throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** The folder is a real folder (not a link to one), or does not exist yet. */
    static void requireRealFolderOrNone(Path folder) throws IOException {
        BasicFileAttributes attributes = entry(folder);
        if (attributes != null && !attributes.isDirectory()) {
            throw new UnsafePathException(folder.getFileName() + " in " + folder.getParent()
                    + (attributes.isSymbolicLink() ? " is a symbolic link" : " is not a folder")
                    + ": the service moves files into it, so it must be a folder of its own (remove it)");
        }
    }

    /**
     * The folder's real path is the root's real path followed by its path below the root: none of the folders
     * between them is a link (a link to a folder inside the watched folder would cross into another org's).
     */
    static boolean reachedWithoutLinks(Path root, Path folder) throws IOException {
        Path realRoot = root.toRealPath();
        Path below = root.toAbsolutePath().normalize().relativize(folder.toAbsolutePath().normalize());
        return !below.startsWith("..") && folder.toRealPath().equals(realRoot.resolve(below).normalize());
    }
}
