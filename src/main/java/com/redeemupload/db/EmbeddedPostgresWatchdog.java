package com.redeemupload.db;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Starts the embedded PostgreSQL again whenever its postmaster is found gone (killed, crashed), on the same data:
 * without it the service would answer 503 until someone restarted it by hand.
 */
public final class EmbeddedPostgresWatchdog extends ServiceSupport implements CamelContextAware {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresWatchdog.class);

    private final Database database;
    private final Duration interval;
    private CamelContext context;
    private ScheduledExecutorService executor;

    public EmbeddedPostgresWatchdog(Database database, Duration interval) {
        this.database = database;
        this.interval = interval;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.context = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return context;
    }

    @Override
    protected void doStart() {
        if (!database.isEmbedded()) {
            return;
        }
        executor = context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "EmbeddedPostgresWatchdog");
        executor.scheduleWithFixedDelay(this::check, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() {
        if (executor != null) {
            context.getExecutorServiceManager().shutdownNow(executor);
            executor = null;
        }
    }

    private void check() {
        try {
            database.restartEmbeddedIfDead();
        } catch (Exception e) {
            // tried again at the next check; a scheduled task that throws would never run again
            LOG.warn("Could not start the embedded PostgreSQL again: {}", e.getMessage());
        }
    }
}
