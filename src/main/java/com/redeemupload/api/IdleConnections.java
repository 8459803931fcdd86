package com.redeemupload.api;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateHandler;
import io.vertx.core.Handler;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.RoutingContext;

import java.util.concurrent.TimeUnit;

/**
 * Lets the idle timeout ({@code redeem.http.idle-timeout-ms}, see {@link ServerOptions}) close only connections that
 * wait for a request: one that was opened, or has sent part of a request line or headers, and then nothing more, or a
 * kept-alive one nobody uses. While a request is handled its connection's timeout is off: a body that stops arriving
 * is {@link StalledBodies}'s to answer (with a 408, which a closed connection could not carry), and a call may think
 * for a while before it answers.
 */
final class IdleConnections implements Handler<RoutingContext> {

    private static final String IDLE = "idle";   // the name Vert.x gives its idle handler in a connection's pipeline

    private final long idleTimeoutMs;

    IdleConnections(long idleTimeoutMs) {
        this.idleTimeoutMs = idleTimeoutMs;
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (ctx.request().connection() instanceof ConnectionBase connection && connection.channel().pipeline().get(IDLE) != null) {
            ChannelPipeline pipeline = connection.channel().pipeline();
            pipeline.replace(IDLE, IDLE, new IdleStateHandler(0, 0, 0));   // zero: no timeout
            ctx.addEndHandler(ended -> {
                if (connection.channel().isActive() && pipeline.get(IDLE) != null) {
                    pipeline.replace(IDLE, IDLE, new IdleStateHandler(0, 0, idleTimeoutMs, TimeUnit.MILLISECONDS));
                }
            });
        }
        ctx.next();
    }
}
