package com.redeemupload.api;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.impl.RoutingContextInternal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;

/**
 * Bounds every request body by what its call needs. A multipart upload (a POST under {@code .../upload/}) is left to
 * platform-http's body handler, which streams its parts to disk up to {@code camel.server.maxBodySize}. Any other
 * body may be at most {@code redeem.http.max-json-body} bytes, held in memory: refused with 413 (its connection
 * closed) as soon as its Content-Length says more, or its bytes pass it; a form body there (which Vert.x would decode,
 * writing its file parts to disk) is refused with 415. The body handler, whose one limit is the upload limit, reads
 * only bodies whose Content-Length is within bounds (the HTTP codec stops a body at its Content-Length); a chunked
 * body is read here.
 */
final class BodyLimits implements Handler<RoutingContext> {

    static final String UPLOAD_PATH = AuthenticateFirst.API_PATH + "/upload/";

    private static final Logger LOG = LoggerFactory.getLogger(BodyLimits.class);
    private static final long HTTP2_CHECK_MS = 20;

    private final long maxJsonBody;

    BodyLimits(long maxJsonBody) {
        this.maxJsonBody = maxJsonBody;
    }

    /** Whether the request is an upload whose parts the body handler streams to disk. */
    static boolean isUpload(RoutingContext ctx) {
        return ctx.request().method() == HttpMethod.POST && ctx.normalizedPath().startsWith(UPLOAD_PATH)
                && contentType(ctx.request()).startsWith(ContentTypeCase.MULTIPART_FORM_DATA);
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        long length = contentLength(request);
        boolean http2 = request.version() == HttpVersion.HTTP_2;
        boolean chunked = !http2 && request.headers().contains(HttpHeaders.TRANSFER_ENCODING);
        boolean hasBody = length > 0 || chunked || (http2 && length < 0 && !request.isEnded());
        if (isUpload(ctx) || !hasBody) {
            ctx.next();
        } else if (contentType(request).startsWith(ContentTypeCase.MULTIPART_FORM_DATA)
                || contentType(request).startsWith("application/x-www-form-urlencoded")) {
            HttpFailures.answerAndClose(ctx, 415, ErrorCodes.NOT_JSON, "this call takes no form: send its body as JSON with"
                    + " 'Content-Type: application/json' (only uploads are multipart/form-data)");
        } else if (length > maxJsonBody) {
            refuse(ctx, length);
        } else if (length >= 0) {
            ctx.next();
        } else if (chunked) {
            readChunked(ctx);
        } else {
            watchHttp2(ctx);
            ctx.next();
        }
    }

    /** Reads a chunked HTTP/1.1 body, refusing it once past the limit, and hands it on as the body handler would. */
    private void readChunked(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        Buffer body = Buffer.buffer();
        boolean[] refused = {false};
        request.handler(chunk -> {
            if (refused[0]) {
                return;
            }
            if (body.length() + (long) chunk.length() > maxJsonBody) {
                refused[0] = true;
                refuse(ctx, body.length() + (long) chunk.length());
            } else {
                body.appendBuffer(chunk);
            }
        });
        request.endHandler(ended -> {
            if (!refused[0]) {
                // the body handler then leaves the request be (its own limit is the upload limit)
                ((RoutingContextInternal) ctx).setBody(body);
                ((RoutingContextInternal) ctx).visitHandler(RoutingContextInternal.BODY_HANDLER);
                ctx.next();
            }
        });
        request.resume();
    }

    /**
     * An HTTP/2 body without Content-Length is read by the body handler (reading it here would end the request before
     * platform-http resumes it, which HTTP/2 refuses): its count of bytes is watched instead, so it may pass the limit
     * by what arrives in {@link #HTTP2_CHECK_MS} ms before it is refused.
     */
    private void watchHttp2(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        long timer = ctx.vertx().setPeriodic(HTTP2_CHECK_MS, id -> {
            if (request.isEnded() || ctx.response().headWritten()) {
                ctx.vertx().cancelTimer(id);
            } else if (request.bytesRead() > maxJsonBody) {
                ctx.vertx().cancelTimer(id);
                refuse(ctx, request.bytesRead());
            }
        });
        ctx.addEndHandler(ended -> ctx.vertx().cancelTimer(timer));
    }

    private void refuse(RoutingContext ctx, long size) {
        LOG.info("Refused {} {}: its body is over {} bytes", ctx.request().method(), ctx.request().path(), maxJsonBody);
        HttpFailures.answerAndClose(ctx, 413, ErrorCodes.TOO_LARGE, "the request body is over the limit of " + maxJsonBody
                + " bytes for this call (redeem.http.max-json-body; " + size + " bytes came or were announced); nothing of"
                + " it was kept; send fewer items per call");
    }

    private static String contentType(HttpServerRequest request) {
        String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
        return type == null ? "" : type.trim().toLowerCase(Locale.ROOT);
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
