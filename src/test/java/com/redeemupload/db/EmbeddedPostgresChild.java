package com.redeemupload.db;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * Run in a child JVM by {@link EmbeddedPostgresRestartTest}: starts the embedded PostgreSQL on a data folder,
 * commits one row, says READY, and waits to be killed like a crashed service.
 */
public final class EmbeddedPostgresChild {

    public static void main(String[] args) throws Exception {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(Path.of(args[0]), 0);
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
             Statement st = c.createStatement()) {
            st.execute("create table if not exists survivor (note text)");
            st.execute("insert into survivor values ('" + args[1] + "')");
        }
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
