package com.redeemupload.api;

import com.redeemupload.registry.Orgs;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;

/**
 * Puts the API's own Vert.x handlers on platform-http's router: those that must see a request before Vert.x's body
 * handler reads it (in this order: authentication, then the bounds of the body), and the one that answers the failures
 * Vert.x raises before a request reaches a route; and sets the server's own limits ({@link ServerOptions}).
 */
public final class RouterHandlers implements StartupListener {

    private final HttpLimits limits;
    private final Orgs orgs;
    private final String adminToken;

    public RouterHandlers(HttpLimits limits, Orgs orgs, String adminToken) {
        this.limits = limits;
        this.orgs = orgs;
        this.adminToken = adminToken;
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // the router exists only once the context has started
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        VertxPlatformHttpServer server = context.hasService(VertxPlatformHttpServer.class);
        if (server != null && server.getServer() != null) {
            ServerOptions.apply(server.getServer(), limits);
        }
        // by type: the router's name carries the port as platform-http saw it, which need not be ours
        for (VertxPlatformHttpRouter router : context.getRegistry().findByType(VertxPlatformHttpRouter.class)) {
            router.route().order(Integer.MIN_VALUE).handler(new IdleConnections(limits.idleTimeoutMs()));
            router.route().order(Integer.MIN_VALUE).handler(new ContentTypeCase());
            router.route().order(Integer.MIN_VALUE).handler(new AuthenticateFirst(orgs, adminToken));
            router.route().order(Integer.MIN_VALUE).handler(new UnfinishedUploads(limits.unfinishedUploadGraceMs()));
            router.route().order(Integer.MIN_VALUE).handler(new StalledBodies(limits.stalledBodyTimeoutMs()));
            router.route().order(Integer.MIN_VALUE).handler(new BodyLimits(limits.maxJsonBody()));
            router.route().failureHandler(new HttpFailures(limits));
        }
    }
}
