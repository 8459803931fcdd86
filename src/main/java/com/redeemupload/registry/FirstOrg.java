package com.redeemupload.registry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;

/**
 * On the very first start (no org at all), creates org 1 and an API key for it, prints the key once and keeps
 * it in a file only its owner can read, so that the README's quickstart works without editing anything.
 */
public final class FirstOrg {

    private static final Logger LOG = LoggerFactory.getLogger(FirstOrg.class);

    private FirstOrg() {
    }

    public static void createIfNone(Orgs orgs, Path keyFile) throws SQLException, IOException {
        if (!orgs.none()) {
            return;
        }
        long orgId = orgs.create("First org");
        String key = orgs.createApiKey(orgId);
        Files.createDirectories(keyFile.toAbsolutePath().getParent());
        Files.writeString(keyFile, key + "\n");
        try {
            Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the folder's own permissions apply
        }
        LOG.info("""

                ==========================================================================
                 First start: created org {} with this API key (shown only this once,
                 and kept in {}):

                     {}
                ==========================================================================""", orgId, keyFile, key);
    }
}
