package com.redeemupload.api;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.impl.RoutingContextInternal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds every request body by what its call needs. A multipart upload (a POST under {@code .../upload/}) is left to
 * platform-http's body handler, which streams it to disk up to {@code camel.server.maxBodySize}. Every other body is
 * read here, in memory, up to {@code redeem.http.max-json-body}: refused with 413 as soon as its Content-Length or its
 * bytes so far pass it, its connection closed. The body read is handed on as the body handler would have read it, so
 * that handler leaves the request be (it would otherwise collect any body in memory up to the upload limit).
 */
final class BodyLimits implements Handler<RoutingContext> {

    static final String UPLOAD_PATH = AuthenticateFirst.API_PATH + "/upload/";

    private static final Logger LOG = LoggerFactory.getLogger(BodyLimits.class);

    private final long maxJsonBody;

    BodyLimits(long maxJsonBody) {
        this.maxJsonBody = maxJsonBody;
    }

    /** Whether the request is an upload whose parts the body handler streams to disk. */
    static boolean isUpload(RoutingContext ctx) {
        String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        return ctx.request().method() == HttpMethod.POST && ctx.normalizedPath().startsWith(UPLOAD_PATH)
                && type != null && type.startsWith(ContentTypeCase.MULTIPART_FORM_DATA);
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (isUpload(ctx) || request.isEnded()) {
            ctx.next();
            return;
        }
        if (contentLength(request) > maxJsonBody) {
            refuse(ctx, contentLength(request));
            return;
        }
        Buffer body = Buffer.buffer();
        boolean[] refused = {false};
        request.handler(chunk -> {
            if (refused[0]) {
                return;
            }
            if (body.length() + (long) chunk.length() > maxJsonBody) {
                refused[0] = true;
                request.pause();
                refuse(ctx, body.length() + (long) chunk.length());
            } else {
                body.appendBuffer(chunk);
            }
        });
        request.endHandler(ended -> {
            if (!refused[0]) {
                ((RoutingContextInternal) ctx).setBody(body);
                ((RoutingContextInternal) ctx).visitHandler(RoutingContextInternal.BODY_HANDLER);
                ctx.next();
            }
        });
        request.resume();
    }

    private void refuse(RoutingContext ctx, long size) {
        LOG.info("Refused {} {}: its body is over {} bytes", ctx.request().method(), ctx.request().path(), maxJsonBody);
        HttpFailures.answerAndClose(ctx, 413, ErrorCodes.TOO_LARGE, "the request body is over the limit of " + maxJsonBody
                + " bytes for this call (redeem.http.max-json-body; at least " + size + " bytes came); nothing of it was kept;"
                + " send fewer items per call");
    }

    private static long contentLength(HttpServerRequest request) {
        String value = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        try {
            return value == null ? -1 : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;   // Vert.x refuses a malformed Content-Length before the request gets here
        }
    }
}
