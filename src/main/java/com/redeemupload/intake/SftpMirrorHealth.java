package com.redeemupload.intake;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckAware;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import java.util.Map;

/**
 * The health of the SFTP mirror, {@code redeem/sftp-mirror}: on the instance that leads it (its route runs), the
 * check of its SFTP consumer, so a refused login is DOWN with the server's reason; on the others UP, as standbys.
 * <p>
 * Camel's own {@code consumer:sftp-inbox-mirror} check says nothing here: it skips the consumer of a route that
 * does not start by itself, and the cluster policy starts this one only on the leader.
 */
public final class SftpMirrorHealth extends AbstractHealthCheck {

    private final CamelContext context;

    public SftpMirrorHealth(CamelContext context) {
        super("redeem", "sftp-mirror");
        this.context = context;
    }

    /** Readiness only: a server that refuses the login is no reason to restart this instance. */
    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        Route route = context.getRoute(RemoteInbox.MIRROR_ROUTE);
        boolean leads = route != null && context.getRouteController().getRouteStatus(RemoteInbox.MIRROR_ROUTE).isStarted();
        builder.detail("enabled", route != null);
        builder.detail("leader", leads);
        builder.up();
        if (leads && route.getConsumer() instanceof HealthCheckAware consumer && consumer.getHealthCheck() != null) {
            HealthCheck.Result result = consumer.getHealthCheck().call(options);
            builder.state(result.getState());
            result.getMessage().ifPresent(builder::message);
            result.getError().ifPresent(builder::error);
            builder.details(result.getDetails());
        }
    }
}
