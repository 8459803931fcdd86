package com.redeemupload.api;

import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * Puts the API's own Vert.x handlers on platform-http's router: the three that must see a request before Vert.x's
 * body handler reads it, and the one that answers the failures Vert.x raises before a request reaches a route.
 */
public final class RouterHandlers implements StartupListener {

    private final long maxBodySize;
    private final long unfinishedUploadGraceMs;
    private final long stalledBodyTimeoutMs;

    public RouterHandlers(long maxBodySize, long unfinishedUploadGraceMs, long stalledBodyTimeoutMs) {
        this.maxBodySize = maxBodySize;
        this.unfinishedUploadGraceMs = unfinishedUploadGraceMs;
        this.stalledBodyTimeoutMs = stalledBodyTimeoutMs;
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // the router exists only once the context has started
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        // by type: the router's name carries the port as platform-http saw it, which need not be ours
        for (VertxPlatformHttpRouter router : context.getRegistry().findByType(VertxPlatformHttpRouter.class)) {
            router.route().order(Integer.MIN_VALUE).handler(new ContentTypeCase());
            router.route().order(Integer.MIN_VALUE).handler(new UnfinishedUploads(unfinishedUploadGraceMs));
            router.route().order(Integer.MIN_VALUE).handler(new StalledBodies(stalledBodyTimeoutMs));
            router.route().failureHandler(new HttpFailures(maxBodySize));
        }
    }
}
