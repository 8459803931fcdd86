package com.redeemupload.api;

import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

import java.lang.reflect.Field;
import java.util.concurrent.TimeUnit;

/**
 * Sets the Vert.x server options platform-http leaves at their defaults (it creates the server with {@code new
 * HttpServerOptions()} and offers no way to change them): the idle timeout and the form limits. The running server
 * reads its options object for each new connection and each form, so changing it once the server listens applies from
 * the next connection on.
 */
final class ServerOptions {

    private ServerOptions() {
    }

    static void apply(HttpServer server, HttpLimits limits) {
        HttpServerOptions options = optionsOf(server);
        options.setIdleTimeoutUnit(TimeUnit.MILLISECONDS).setIdleTimeout((int) limits.idleTimeoutMs())
                .setMaxFormAttributeSize(limits.maxFormFieldBytes()).setMaxFormFields(limits.maxFormFields());
    }

    /** The options the server runs with; failing here stops the start, rather than run without the bounds. */
    private static HttpServerOptions optionsOf(HttpServer server) {
        try {
            Field field = server.getClass().getDeclaredField("options");
            field.setAccessible(true);
            return (HttpServerOptions) field.get(server);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot set the HTTP server's limits on " + server.getClass().getName()
                    + " (a Vert.x version that keeps its options elsewhere?)", e);
        }
    }
}
