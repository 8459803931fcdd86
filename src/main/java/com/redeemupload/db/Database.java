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
            user = embedded.user();
            password = embedded.password();
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
        // a database that is gone fails a call within this, not after the pool's 30 s
        config.setConnectionTimeout(settings.connectTimeoutMs());
        config.setValidationTimeout(Math.max(250, settings.connectTimeoutMs() / 2));
        connectionProperties().forEach((k, v) -> config.addDataSourceProperty((String) k, v));
        dataSource = new HikariDataSource(config);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    }

    /** pgjdbc's: a new connection to a host that does not answer gives up soon; a cut connection is noticed. */
    private Properties connectionProperties() {
        Properties properties = new Properties();
        properties.setProperty("connectTimeout", Long.toString(Math.max(1, settings.connectTimeoutMs() / 1000)));
        properties.setProperty("loginTimeout", Long.toString(Math.max(1, settings.connectTimeoutMs() / 1000)));
        properties.setProperty("tcpKeepAlive", "true");
        return properties;
    }

    /**
     * Starts the embedded PostgreSQL again, on the same data folder and port, when its postmaster is gone (killed,
     * crashed): the pool's broken connections are replaced as they are asked for, and jobs cut off are claimed again.
     *
     * @return whether it had to be started again
     */
    public synchronized boolean restartEmbeddedIfDead() throws IOException {
        if (embedded == null || embedded.isRunning()) {
            return false;
        }
        LOG.warn("The embedded PostgreSQL has stopped: starting it again on {}", settings.embeddedDataDir());
        int port = embedded.port();
        try {
            embedded.close();   // frees zonky's lock on the folder; its pg_ctl stop finds nothing to stop
        } catch (IOException e) {
            LOG.debug("Closing the stopped embedded PostgreSQL failed", e);
        }
        embedded = EmbeddedPostgresServer.start(Path.of(settings.embeddedDataDir()), port);
        LOG.info("The embedded PostgreSQL runs again");
        return true;
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
        Properties all = connectionProperties();
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
