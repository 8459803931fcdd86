package com.redeemupload.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.apache.camel.Service;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The service's PostgreSQL: the embedded one by default, an external one when a URL is configured.
 * Started with the Camel context (pool opened, migrations applied) and closed with it.
 */
public final class Database implements Service {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final DatabaseSettings settings;
    private EmbeddedPostgresServer embedded;
    private HikariDataSource dataSource;
    private String jdbcUrl;
    private String jdbcUser;
    private String jdbcPassword;

    public Database(DatabaseSettings settings) {
        this.settings = settings;
    }

    @Override
    public synchronized void start() {
        if (dataSource != null) {
            return;
        }
        String url = settings.url();
        String user = settings.user();
        String password = settings.password();
        if (url == null || url.isBlank()) {
            try {
                embedded = EmbeddedPostgresServer.start(Path.of(settings.embeddedDataDir()), settings.embeddedPort());
            } catch (IOException e) {
                throw new IllegalStateException("cannot start the embedded PostgreSQL: " + e.getMessage(), e);
            }
            url = embedded.jdbcUrl();
            user = "postgres";
            password = "";
        } else {
            LOG.info("Using external PostgreSQL at {}", url);
        }
        jdbcUrl = url;
        jdbcUser = user;
        jdbcPassword = password;
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(settings.poolSize());
        config.setPoolName("redeem-db");
        dataSource = new HikariDataSource(config);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    public DataSource dataSource() {
        if (dataSource == null) {
            start();
        }
        return dataSource;
    }

    /**
     * A connection of its own, outside the pool, for a session that lives as long as its holder says: closing it
     * ends the session, and with it whatever the session held (a lock), which a pooled connection would keep.
     *
     * @param properties pgjdbc connection properties besides the user and password
     */
    public Connection openSession(Properties properties) throws SQLException {
        if (dataSource == null) {
            start();
        }
        Properties all = new Properties();
        all.putAll(properties);
        all.setProperty("user", jdbcUser);
        if (jdbcPassword != null) {
            all.setProperty("password", jdbcPassword);
        }
        return DriverManager.getConnection(jdbcUrl, all);
    }

    @Override
    public synchronized void stop() {
        if (dataSource != null) {
            dataSource.close();
            dataSource = null;
        }
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                LOG.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
            }
            embedded = null;
        }
    }
}
