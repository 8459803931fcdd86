package com.redeemupload.api;

import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers failures that Vert.x raises before a request reaches a route in the API's envelope: the 413 for a body
 * over {@code camel.server.maxBodySize}, which Vert.x detects while streaming the upload to disk (it then deletes
 * what it had written), the 413 for a form over the form limits (a field's size, the number of parts), and the 400
 * for a multipart body cut short ({@link UnfinishedUploads}).
 */
final class HttpFailures implements Handler<RoutingContext> {

    /**
     * Why one of the API's handlers ({@link UnfinishedUploads}, {@link StalledBodies}) stopped a request's parts: the
     * message answered with, unless the handler answered itself, and the sign that the body handler's own failure on
     * the stopped parts needs no other answer.
     */
    static final String REFUSAL = HttpFailures.class.getName() + ".refusal";

    private static final Logger LOG = LoggerFactory.getLogger(HttpFailures.class);
    private static final long UPGRADE_BODY_DROPPED = 1024 * 1024;

    private final HttpLimits limits;

    HttpFailures(HttpLimits limits) {
        this.limits = limits;
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
        if (ctx.failure() instanceof HttpClosedException) {
            return;   // the body handler, on a connection closed after a refusal or by the client: nobody to answer
        }
        if (ctx.response().headWritten() || ctx.response().closed()) {
            // the body handler failing on the parts of a request already answered (its files' pipes closed)
            LOG.debug("Failure after the answer of {} {}", ctx.request().method(), ctx.request().path(), ctx.failure());
            return;
        }
        String formRefusal = formRefusal(ctx.failure());
        if (formRefusal != null) {
            LOG.info("Refused {} {}: {}", ctx.request().method(), ctx.request().path(), formRefusal);
            answerAndClose(ctx, 413, ErrorCodes.TOO_LARGE, formRefusal);
        } else if (ctx.statusCode() == 413) {
            answerAndClose(ctx, 413, ErrorCodes.TOO_LARGE, "the request body is over the upload limit of "
                    + limits.maxBodySize() + " bytes (camel.server.maxBodySize); nothing of it was kept; split the file");
        } else {
            ctx.next();
        }
    }

    /** What to answer when Vert.x's form decoder stopped on one of the form limits; null for another failure. */
    private String formRefusal(Throwable failure) {
        if (failure instanceof HttpPostRequestDecoder.TooManyFormFieldsException) {
            return "the form has more than " + limits.maxFormFields() + " parts (redeem.http.max-form-fields); send the"
                    + " fields of the contract and one part named 'file'; nothing of it was kept";
        }
        if (failure instanceof HttpPostRequestDecoder.TooLongFormFieldException) {
            return "a form part's name or headers are too long; nothing of it was kept";
        }
        if (failure != null && String.valueOf(failure.getMessage()).contains("Size exceed allowed maximum capacity")) {
            return "a form field other than 'file' is over " + limits.maxFormFieldBytes() + " bytes"
                    + " (redeem.http.max-form-field-bytes); nothing of it was kept";
        }
        return null;
    }

    /** Ends the response with the API's error envelope. */
    static Future<Void> answer(RoutingContext ctx, int status, int code, String message) {
        JsonObject envelope = new JsonObject().put("success", false).put("status", status)
                .put("errors", new JsonArray().add(new JsonObject().put("code", code).put("message", message)));
        return ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(envelope.encode());
    }

    /**
     * Answers, then stops the request: what the client still sends of its body is never read. On HTTP/1.1 the
     * connection is closed. On HTTP/2 the request's stream stays paused (flow control lets its client send no more
     * than a window) and the connection's other requests go on: a reset could overtake the answer, which the client
     * would then never see. (Not on the context's end handlers: a form the decoder gave up on has had them called.)
     */
    static void answerAndClose(RoutingContext ctx, int status, int code, String message) {
        HttpServerRequest request = ctx.request();
        if (request.version() != HttpVersion.HTTP_2) {
            ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
            answer(ctx, status, code, message).onComplete(written -> request.connection().close());
            return;
        }
        answer(ctx, status, code, message);
        if (!request.isSSL() && request.streamId() == 1 && !request.isEnded()) {
            // the request that asked to upgrade to HTTP/2: its client still sends its body as HTTP/1.1, outside flow
            // control, so it is dropped as it comes, and the connection closed once more than a little came
            long[] dropped = {0};
            request.handler(chunk -> {
                dropped[0] += chunk.length();
                if (dropped[0] > UPGRADE_BODY_DROPPED) {
                    request.connection().close();
                }
            }).resume();
        }
    }
}
