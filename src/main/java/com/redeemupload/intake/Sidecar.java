package com.redeemupload.intake;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads a watched-folder file's sidecar {@code NAME.csv.json}: a regular file (never through a link), of at most
 * {@code maxBytes}, in UTF-8. Anything else refuses the file, naming why.
 */
final class Sidecar {

    private Sidecar() {
    }

    /** The sidecar's text, or null when there is none. */
    static String read(Path sidecar, int maxBytes) throws IOException {
        String name = sidecar.getFileName().toString();
        BasicFileAttributes entry = InboxFolders.entry(sidecar);
        if (entry == null) {
            return null;
        }
        if (entry.isSymbolicLink()) {
            throw new IntakeRefusedException("the sidecar " + name + " is a symbolic link; the service reads regular files only");
        }
        if (entry.isDirectory()) {
            throw new IntakeRefusedException("the sidecar " + name + " is a folder, not a file");
        }
        if (!entry.isRegularFile()) {
            throw new IntakeRefusedException("the sidecar " + name + " is not a regular file");
        }
        if (entry.size() > maxBytes) {
            throw new IntakeRefusedException("the sidecar " + name + " is " + entry.size() + " bytes, over the limit of "
                    + maxBytes + " (redeem.inbox.max-sidecar-bytes)");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(sidecar, LinkOption.NOFOLLOW_LINKS)) {
            bytes = in.readNBytes(maxBytes + 1);   // it may have grown since
        }
        if (bytes.length > maxBytes) {
            throw new IntakeRefusedException("the sidecar " + name + " is over the limit of " + maxBytes + " bytes (redeem.inbox.max-sidecar-bytes)");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IntakeRefusedException("the sidecar " + name + " is not UTF-8 text (an invalid byte sequence)");
        }
    }
}
