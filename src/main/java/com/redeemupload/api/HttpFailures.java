package com.redeemupload.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * Answers failures that Vert.x raises before a request reaches a route in the API's envelope; above all the 413
 * for a body over {@code camel.server.maxBodySize}, which Vert.x detects while streaming the upload to disk (it
 * then deletes what it had written).
 */
public final class HttpFailures implements StartupListener {

    private final long maxBodySize;

    public HttpFailures(long maxBodySize) {
        this.maxBodySize = maxBodySize;
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // the router exists only once the context has started
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        // by type: the router's name carries the port as platform-http saw it, which need not be ours
        for (VertxPlatformHttpRouter router : context.getRegistry().findByType(VertxPlatformHttpRouter.class)) {
            router.route().failureHandler(this::answerTooLarge);
        }
    }

    private void answerTooLarge(RoutingContext ctx) {
        if (ctx.statusCode() != 413 || ctx.response().headWritten()) {
            ctx.next();
            return;
        }
        JsonObject envelope = new JsonObject().put("success", false).put("status", 413).put("errors", new JsonArray().add(
                new JsonObject().put("code", ErrorCodes.TOO_LARGE).put("message", "the request body is over the upload limit of "
                        + maxBodySize + " bytes (camel.server.maxBodySize); nothing of it was kept; split the file")));
        ctx.response().setStatusCode(413).putHeader("Content-Type", "application/json").end(envelope.encode());
    }
}
