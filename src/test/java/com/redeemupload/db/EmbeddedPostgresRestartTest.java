package com.redeemupload.db;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contract 6: after the service is killed with kill -9, the same start command works again. The embedded
 * PostgreSQL the dead process left running is shut down cleanly, and nothing committed is lost.
 */
class EmbeddedPostgresRestartTest {

    @Test
    void startsAgainAfterTheServiceWasKilledAndKeepsItsData(@TempDir Path work) throws Exception {
        Path dataDir = work.resolve("postgres");

        Process crashed = startChild(dataDir, "before the crash");
        crashed.destroyForcibly();                      // SIGKILL: no shutdown hook runs
        assertThat(crashed.waitFor(30, TimeUnit.SECONDS)).isTrue();
        long orphan = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
        assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive)).as("postmaster left running").contains(true);

        try (EmbeddedPostgresServer restarted = EmbeddedPostgresServer.start(dataDir, 0);
             Connection c = DriverManager.getConnection(restarted.jdbcUrl(), restarted.user(), restarted.password());
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select note from survivor")) {
            List<String> notes = new ArrayList<>();
            while (rs.next()) {
                notes.add(rs.getString(1));
            }
            assertThat(notes).containsExactly("before the crash");
            for (String durability : List.of("fsync", "synchronous_commit", "full_page_writes")) {
                try (ResultSet setting = st.executeQuery("show " + durability)) {
                    setting.next();
                    assertThat(setting.getString(1)).as(durability).isEqualTo("on");
                }
            }
        }
        assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    private static Process startChild(Path dataDir, String note) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                EmbeddedPostgresChild.class.getName(), dataDir.toString(), note)
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.equals("READY")) {
                return child;
            }
        }
        throw new AssertionError("the child JVM ended before the database was ready (exit " + child.waitFor() + ")");
    }
}
