package com.redeemupload.api;

import io.netty.channel.Channel;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.AttributeKey;
import io.vertx.core.Handler;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.RoutingContext;

import java.util.concurrent.TimeUnit;

/**
 * Lets the idle timeout ({@code redeem.http.idle-timeout-ms}, set by {@link ServerOptions}) close only connections
 * that wait for a request: one opened, or kept alive, and then unused, or one that sent part of a request line or
 * headers and then nothing more. While a request is handled its connection's timeout is off: a body that stops
 * arriving is {@link StalledBodies}'s to answer (with a 408, which a closed connection could not carry), and a call
 * may think a while before it answers.
 */
final class IdleConnections implements Handler<RoutingContext> {

    private static final String IDLE = "idle";   // the name Vert.x gives its idle handler in a connection's pipeline
    /** Requests being handled on a connection (several at once on HTTP/2); read and written on its event loop. */
    private static final AttributeKey<int[]> IN_FLIGHT = AttributeKey.valueOf(IdleConnections.class.getName());

    private final long idleTimeoutMs;

    IdleConnections(long idleTimeoutMs) {
        this.idleTimeoutMs = idleTimeoutMs;
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (ctx.request().connection() instanceof ConnectionBase connection) {
            Channel channel = connection.channel();
            if (channel.attr(IN_FLIGHT).get() == null) {
                channel.attr(IN_FLIGHT).set(new int[1]);
            }
            int[] inFlight = channel.attr(IN_FLIGHT).get();
            if (inFlight[0]++ == 0) {
                idleTimeout(channel, 0);   // zero: none
            }
            ctx.addEndHandler(ended -> {
                if (--inFlight[0] == 0) {
                    idleTimeout(channel, idleTimeoutMs);
                }
            });
        }
        ctx.next();
    }

    private static void idleTimeout(Channel channel, long ms) {
        if (channel.isActive() && channel.pipeline().get(IDLE) != null) {
            channel.pipeline().replace(IDLE, IDLE, new IdleStateHandler(0, 0, ms, TimeUnit.MILLISECONDS));
        }
    }
}
