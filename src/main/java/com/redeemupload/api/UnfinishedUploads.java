package com.redeemupload.api;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Makes sure a multipart request whose parts never all end gets an answer and leaves no file behind.
 * <p>
 * Vert.x streams a file part to {@code camel.server.fileUploadDirectory} and hands the request on only once every
 * part has ended. A body that stops before its closing boundary ({@code --boundary--}: a client that builds
 * multipart by hand, or a proxy that cut it) never ends its last part: the request waited for ever, and the part
 * stayed on disk even after the client hung up, since Vert.x deletes parts only when the request fails while its body
 * is still arriving, or once a response ends. So a request that Vert.x still has not handed on a while after its
 * whole body arrived is refused (400, naming the part) and its parts deleted; and a request whose connection closes
 * before its response is written has its parts deleted.
 */
final class UnfinishedUploads implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger(UnfinishedUploads.class);
    /**
     * How long after the body's last byte Vert.x may still be finishing its parts ({@code
     * redeem.http.unfinished-upload-grace-ms}): it writes them to their files asynchronously, with at most a write
     * queue's worth outstanding, so milliseconds on a local disk; but closing a big file on a network filesystem
     * writes out what the OS still held of it.
     */
    private final long graceMs;

    UnfinishedUploads(long graceMs) {
        this.graceMs = graceMs;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String contentType = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        if (contentType != null && contentType.startsWith(ContentTypeCase.MULTIPART_FORM_DATA)) {
            long[] check = {-1};   // the timer, set and cancelled on the request's own event loop
            ctx.request().end().onSuccess(v -> check[0] = ctx.vertx().setTimer(graceMs, t -> refuseIfCutShort(ctx, contentType)));
            ctx.addEndHandler(ended -> {
                ctx.vertx().cancelTimer(check[0]);   // answered: nothing to check (an upload is not held for the grace)
                // the connection closed first: nobody will take the parts (a form the decoder gave up on fails the
                // response too, but is still open: HttpFailures answers it)
                if (ended.failed() && ctx.response().closed()) {
                    ctx.put(HttpFailures.REFUSAL, "the connection closed before the request was answered");
                    ctx.cancelAndCleanupFileUploads();
                }
            });
        }
        ctx.next();
    }

    private static void refuseIfCutShort(RoutingContext ctx, String contentType) {
        // the body handler sets the body once every part has ended, and then hands the request on
        if (ctx.body().buffer() != null || ctx.response().headWritten() || ctx.response().closed()) {
            return;
        }
        List<FileUpload> parts = ctx.fileUploads();
        String part = parts.isEmpty() ? "file" : parts.get(parts.size() - 1).name();
        LOG.info("Refused {} {}: its multipart body ended before part '{}' did", ctx.request().method(), ctx.request().path(), part);
        ctx.put(HttpFailures.REFUSAL, part + ": the request body ended before this part did: the closing boundary line (--"
                + boundary(contentType) + "--) is missing, so the upload was cut short or badly built; nothing of it "
                + "was kept; send the whole request again");
        // stops writing the parts and deletes them; the body handler then fails the request, and HttpFailures answers
        ctx.cancelAndCleanupFileUploads();
        if (!ctx.failed()) {
            ctx.fail(400);
        }
    }

    private static String boundary(String contentType) {
        int at = contentType.indexOf("boundary=");
        return at < 0 ? "" : contentType.substring(at + "boundary=".length()).split(";")[0].trim().replace("\"", "");
    }
}
