package com.redeemupload.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issue 14, finding 11: the embedded PostgreSQL asks for a password, kept in its data folder for its user only. */
class EmbeddedPostgresPasswordTest {

    @Test
    void aNewFolderGetsAPasswordOnlyItsUserCanRead(@TempDir Path work) throws Exception {
        Path dataDir = work.resolve("postgres");
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir, 0)) {
            Path file = dataDir.resolve(EmbeddedPostgresPassword.FILE);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(server.password()).isEqualTo(Files.readString(file).trim()).hasSizeGreaterThanOrEqualTo(32);
            assertRefusedWithout(server);
            try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password())) {
                assertThat(c.isValid(1)).isTrue();
            }
        }
        try (EmbeddedPostgresServer again = EmbeddedPostgresServer.start(dataDir, 0)) {
            assertThat(again.password()).as("the same password on the next start").isEqualTo(Files.readString(
                    dataDir.resolve(EmbeddedPostgresPassword.FILE)).trim());
            assertRefusedWithout(again);
        }
    }

    @Test
    void aFolderThatTrustedLocalUsersIsMovedToThePasswordAndKeepsItsData(@TempDir Path work) throws Exception {
        Path dataDir = work.resolve("postgres");
        try (EmbeddedPostgres earlier = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).start();
             Connection c = DriverManager.getConnection(earlier.getJdbcUrl("postgres", "postgres"));
             Statement st = c.createStatement()) {
            st.execute("create table kept (note text)");
            st.execute("insert into kept values ('from an earlier version')");
        }
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir, 0)) {
            assertRefusedWithout(server);
            try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
                 Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select note from kept")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("from an earlier version");
            }
        }
    }

    private static void assertRefusedWithout(EmbeddedPostgresServer server) {
        assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(), server.user(), "").close())
                .isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(), server.user(), "wrong").close())
                .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
    }
}
