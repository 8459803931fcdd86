package com.redeemupload.api;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a request whose body stops arriving while its client keeps the connection open: 408 once no byte of it has
 * come for {@code redeem.http.stalled-body-timeout-ms}, what was written of its parts deleted, the connection closed.
 * platform-http gives Vert.x no idle timeout, so a stalled client (a dead mobile link, a proxy that stopped
 * forwarding) held its connection and its half-written part for as long as the connection lived.
 */
final class StalledBodies implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger(StalledBodies.class);

    private final long timeoutMs;

    StalledBodies(long timeoutMs) {
        this.timeoutMs = timeoutMs;
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (!request.isEnded()) {
            // the last count of body bytes, and when it last changed; read and written on the request's event loop
            long[] seen = {request.bytesRead(), System.nanoTime()};
            long timer = ctx.vertx().setPeriodic(checkEveryMs(timeoutMs), id -> {
                if (request.isEnded() || ctx.response().headWritten()) {
                    ctx.vertx().cancelTimer(id);
                } else if (request.bytesRead() != seen[0]) {
                    seen[0] = request.bytesRead();
                    seen[1] = System.nanoTime();
                } else if ((System.nanoTime() - seen[1]) / 1_000_000 >= timeoutMs) {
                    ctx.vertx().cancelTimer(id);
                    refuse(ctx, seen[0]);
                }
            });
            ctx.addEndHandler(ended -> ctx.vertx().cancelTimer(timer));
        }
        ctx.next();
    }

    /**
     * How often the byte count is looked at: a stall is seen up to two of these late (the last byte came just after a
     * look), so a small share of the timeout; a quarter of it made a 60 s timeout fire at up to 90 s.
     */
    static long checkEveryMs(long timeoutMs) {
        return Math.max(50, Math.min(1000, timeoutMs / 20));
    }

    private void refuse(RoutingContext ctx, long bytesRead) {
        LOG.info("Refused {} {}: its body stopped arriving after {} bytes", ctx.request().method(), ctx.request().path(), bytesRead);
        String message = "the request body stopped arriving: nothing came for " + timeoutMs / 1000.0 + " s after its first "
                + bytesRead + " bytes; nothing of it was kept; send the whole request again";
        // answered first: the body handler fails as soon as its parts are stopped, and HttpFailures, seeing the
        // refusal and an answer written, leaves it be
        ctx.put(HttpFailures.REFUSAL, message);
        // the rest of the body would otherwise be read as the next request
        HttpFailures.answerAndClose(ctx, 408, ErrorCodes.TIMEOUT, message);
        ctx.cancelAndCleanupFileUploads();
    }
}
