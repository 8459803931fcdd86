package com.redeemupload.api;

import com.redeemupload.db.ConnectionLoss;
import com.redeemupload.registry.Orgs;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Authenticates every call of the API before a byte of its body is read: platform-http's body handler would otherwise
 * hold a JSON body in memory, or write an upload to disk, before the route's {@link Authenticate} could refuse it.
 * A call without a valid credential is answered 401 and its connection closed, its body never read. An admitted call
 * carries what was found as the Vert.x user ({@code orgId}, or {@code admin}), which platform-http hands to the
 * route, so {@link Authenticate} and {@link AuthenticateAdmin} need no second look-up.
 */
final class AuthenticateFirst implements Handler<RoutingContext> {

    static final String API_PATH = "/coupon/api/v1";
    static final String ADMIN_PATH = API_PATH + "/admin/";
    static final String ORG_ID = "orgId";
    static final String ADMIN = "admin";

    private static final Logger LOG = LoggerFactory.getLogger(AuthenticateFirst.class);

    private final Orgs orgs;
    private final String adminToken;

    AuthenticateFirst(Orgs orgs, String adminToken) {
        this.orgs = orgs;
        this.adminToken = adminToken;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        if (!path.equals(API_PATH) && !path.startsWith(API_PATH + "/")) {
            ctx.next();   // health and metrics: no credential, and BodyLimits bounds their bodies
            return;
        }
        String key = Credentials.of(ctx.request()::getHeader);
        if (path.startsWith(ADMIN_PATH)) {
            admitAdmin(ctx, key);
        } else if (key == null) {
            HttpFailures.answerAndClose(ctx, 401, ErrorCodes.UNAUTHORIZED, Credentials.NO_API_KEY);
        } else {
            // the look-up blocks: the body waits, paused, until it is done (the body handler resumes it)
            if (!ctx.request().isEnded()) {
                ctx.request().pause();
            }
            ctx.vertx().executeBlocking(() -> orgs.orgOfApiKey(key), false).onComplete(found -> {
                if (found.failed() && ConnectionLoss.isCause(found.cause())) {
                    LOG.warn("Cannot check an API key, the database cannot be reached: {}", found.cause().getMessage());
                    HttpFailures.answerAndClose(ctx, 503, ApiResponses.DATABASE_UNAVAILABLE, "the API key cannot be checked:"
                            + " the database cannot be reached just now; try again in a moment");
                } else if (found.failed()) {
                    LOG.error("Cannot check an API key", found.cause());
                    HttpFailures.answerAndClose(ctx, 500, ErrorCodes.INTERNAL, "the service failed to check the API key; it is"
                            + " logged, try again later or tell the operator");
                } else {
                    admitOrg(ctx, found.result());
                }
            });
        }
    }

    private static void admitOrg(RoutingContext ctx, Optional<Long> org) {
        if (org.isEmpty()) {
            HttpFailures.answerAndClose(ctx, 401, ErrorCodes.UNAUTHORIZED, Credentials.UNKNOWN_API_KEY);
        } else {
            ctx.setUser(User.create(new JsonObject().put(ORG_ID, org.get())));
            ctx.next();
        }
    }

    private void admitAdmin(RoutingContext ctx, String given) {
        if (adminToken == null || adminToken.isBlank()) {
            HttpFailures.answerAndClose(ctx, 401, ErrorCodes.UNAUTHORIZED, Credentials.ADMIN_OFF);
        } else if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), adminToken.getBytes(StandardCharsets.UTF_8))) {
            HttpFailures.answerAndClose(ctx, 401, ErrorCodes.UNAUTHORIZED, Credentials.NOT_ADMIN);
        } else {
            ctx.setUser(User.create(new JsonObject().put(ADMIN, true)));
            ctx.next();
        }
    }
}
