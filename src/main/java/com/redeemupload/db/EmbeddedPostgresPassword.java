package com.redeemupload.db;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Optional;
import java.util.Properties;

/**
 * The embedded PostgreSQL's password: made on the first start, kept in the data folder readable by the service's
 * user only ({@value #FILE}), and required of every connection (scram-sha-256 in pg_hba.conf) instead of trusting
 * whoever can reach the port or the socket.
 */
final class EmbeddedPostgresPassword {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresPassword.class);

    static final String FILE = "redeem-db-password";
    static final String HBA = """
            # Written by the redeem-upload service at each start: every connection logs in with the password in
            # redeem-db-password (beside this file).
            local   all   all         scram-sha-256
            host    all   all   all   scram-sha-256
            """;

    private EmbeddedPostgresPassword() {
    }

    static Optional<String> read(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(Files.readString(file, StandardCharsets.US_ASCII).trim());
    }

    static String create(Path dataDir) throws IOException {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);   // no quote to escape in SQL
        Path file = dataDir.resolve(FILE);
        Path aside = dataDir.resolve(FILE + ".new");
        Files.deleteIfExists(aside);
        Files.createFile(aside, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(aside, password + "\n", StandardCharsets.US_ASCII, StandardOpenOption.SYNC);
        Files.move(aside, file, StandardCopyOption.ATOMIC_MOVE);
        return password;
    }

    /**
     * Gives the superuser the password and has PostgreSQL ask for it. On a folder that trusted local users (made by
     * an earlier version, or just now by initdb) the password is not asked yet; from the reload on it is.
     */
    static void require(Path dataDir, int port, String user, String password) throws IOException {
        Properties login = new Properties();
        login.setProperty("user", user);
        login.setProperty("password", password);
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres", login);
             Statement st = c.createStatement()) {
            st.execute("set password_encryption = 'scram-sha-256'");
            st.execute("alter role " + user + " password '" + password + "'");
            Path hba = dataDir.resolve("pg_hba.conf");
            if (!Files.readString(hba).equals(HBA)) {
                Files.writeString(hba, HBA);
                st.execute("select pg_reload_conf()");
                LOG.info("The embedded PostgreSQL now asks for the password kept in {}", dataDir.resolve(FILE).toAbsolutePath());
            }
        } catch (SQLException e) {
            throw new IOException("cannot log in to the embedded PostgreSQL with the password in " + dataDir.resolve(FILE)
                    + ": " + e.getMessage(), e);
        }
    }
}
