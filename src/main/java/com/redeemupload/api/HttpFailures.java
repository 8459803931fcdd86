package com.redeemupload.api;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers failures that Vert.x raises before a request reaches a route in the API's envelope: the 413 for a body
 * over {@code camel.server.maxBodySize}, which Vert.x detects while streaming the upload to disk (it then deletes
 * what it had written), and the 400 for a multipart body cut short ({@link UnfinishedUploads}).
 */
final class HttpFailures implements Handler<RoutingContext> {

    /**
     * Why one of the API's handlers ({@link UnfinishedUploads}, {@link StalledBodies}) stopped a request's parts: the
     * message answered with, unless the handler answered itself, and the sign that the body handler's own failure on
     * the stopped parts needs no other answer.
     */
    static final String REFUSAL = HttpFailures.class.getName() + ".refusal";

    private final long maxBodySize;

    HttpFailures(long maxBodySize) {
        this.maxBodySize = maxBodySize;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String refusal = ctx.get(REFUSAL);
        if (refusal != null) {
            if (!ctx.response().headWritten() && !ctx.response().closed()) {
                answer(ctx, 400, ErrorCodes.BAD_REQUEST, refusal);
            }
            return;   // else the body handler failing on the parts a handler stopped: nothing left to say
        }
        if (ctx.statusCode() != 413 || ctx.response().headWritten()) {
            ctx.next();
            return;
        }
        answer(ctx, 413, ErrorCodes.TOO_LARGE, "the request body is over the upload limit of " + maxBodySize
                + " bytes (camel.server.maxBodySize); nothing of it was kept; split the file");
    }

    /** Ends the response with the API's error envelope. */
    static void answer(RoutingContext ctx, int status, int code, String message) {
        JsonObject envelope = new JsonObject().put("success", false).put("status", status)
                .put("errors", new JsonArray().add(new JsonObject().put("code", code).put("message", message)));
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(envelope.encode());
    }
}
