package com.redeemupload.support;

import com.redeemupload.Application;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.main.Main;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.TestInstance;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Base of the tests that run the whole service: one Camel context per test class, started by camel-test-main
 * exactly as {@link Application} starts it (same configuration file, same routes), against the run's shared
 * embedded PostgreSQL. Each test makes its own org, so tests never see each other's data.
 */
@CamelMainTest(mainClass = Application.class, propertyPlaceholderLocations = Application.CONFIG)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ServiceTest implements CamelContextAware {

    private static final AtomicInteger ORGS = new AtomicInteger();

    static {
        TestEnvironment.start();
    }

    protected CamelContext context;

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.context = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return context;
    }

    protected TestOrg newOrg() {
        Http admin = new Http(TestEnvironment.ADMIN_TOKEN);
        Http.Response r = admin.postJson("/coupon/api/v1/admin/orgs",
                "{\"name\": \"" + getClass().getSimpleName() + " " + ORGS.incrementAndGet() + "\"}");
        if (r.status() != 200) {
            throw new AssertionError("cannot create an org: " + r.body());
        }
        return new TestOrg(r.result().get("orgId").asLong(), new Http(r.result().get("apiKey").asText()));
    }

    /**
     * A second instance of the service beside this class's, started as {@link Application} starts one, on the same
     * database and a port of its own; the caller stops it.
     *
     * @param configurations more configuration, e.g. override properties (see SftpIntakeTest)
     */
    protected static Main startAnotherInstance(CamelConfiguration... configurations) throws Exception {
        Main instance = new Main(Application.class);
        instance.setDefaultPropertyPlaceholderLocation(Application.CONFIG);
        instance.addOverrideProperty("camel.main.name", "second-instance");
        for (CamelConfiguration configuration : configurations) {
            instance.configure().addConfiguration(configuration);
        }
        // system properties win over every other source, so the port is swapped there while it starts
        String firstPort = System.getProperty("camel.server.port");
        System.setProperty("camel.server.port", Integer.toString(freePort()));
        try {
            instance.start();
        } finally {
            System.setProperty("camel.server.port", firstPort);
        }
        return instance;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    protected DataSource dataSource() {
        return context.getRegistry().lookupByNameAndType("dataSource", DataSource.class);
    }

    /** How many events of the job went to redeem.jobs.events-uri (mock:job-events in the tests). */
    protected long eventsOf(long jobId) {
        return context.getEndpoint("mock:job-events", MockEndpoint.class).getExchanges().stream()
                .filter(e -> e.getMessage().getBody(String.class).contains("\"jobId\":" + jobId + ",")).count();
    }

    /** When the job ended without being handed on yet (its event, its outbox files); null once it has been. */
    protected Long undeliveredSince(long jobId) throws SQLException {
        try (Connection c = dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select undelivered_since from upload_job where job_id = " + jobId)) {
            rs.next();
            long value = rs.getLong(1);
            return rs.wasNull() ? null : value;
        }
    }

    /** As if the instance that ended the job had died an hour ago before handing it on: job-redeliveries takes it. */
    protected void markUndeliveredAnHourAgo(long jobId) throws SQLException {
        try (Connection c = dataSource().getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("update upload_job set undelivered_since = (extract(epoch from now()) * 1000)::bigint - 3600000"
                    + " where job_id = " + jobId);
        }
    }
}
