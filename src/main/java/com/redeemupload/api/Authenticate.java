package com.redeemupload.api;

import com.redeemupload.registry.Orgs;
import io.vertx.ext.auth.User;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.vertx.HttpMessage;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpConstants;

import java.util.Optional;

/**
 * Puts the org of the API key a call carries ({@code Authorization: Bearer <key>} or {@code X-CAP-API-OAUTH-TOKEN:
 * <key>}, headers only) in the exchange property {@code orgId}; 401 otherwise. {@link AuthenticateFirst} has already
 * found it before the body was read; the look-up here is for a call that did not pass it.
 */
public final class Authenticate implements Processor {

    public static final String ORG_ID = "orgId";

    private final Orgs orgs;

    public Authenticate(Orgs orgs) {
        this.orgs = orgs;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        User user = authenticatedUser(exchange);
        if (user != null && user.principal().getValue(AuthenticateFirst.ORG_ID) instanceof Number org) {
            exchange.setProperty(ORG_ID, org.longValue());
            return;
        }
        String key = requestCredential(exchange);
        if (key == null) {
            throw new ApiException(401, ErrorCodes.UNAUTHORIZED, Credentials.NO_API_KEY);
        }
        Optional<Long> org = orgs.orgOfApiKey(key);
        if (org.isEmpty()) {
            throw new ApiException(401, ErrorCodes.UNAUTHORIZED, Credentials.UNKNOWN_API_KEY);
        }
        exchange.setProperty(ORG_ID, org.get());
    }

    /** Who {@link AuthenticateFirst} admitted; a client cannot forge it (it would be text, not a User). */
    static User authenticatedUser(Exchange exchange) {
        Object user = exchange.getMessage().getHeader(VertxPlatformHttpConstants.AUTHENTICATED_USER);
        return user instanceof User u ? u : null;
    }

    /** The credential in the HTTP request's own headers: the message's headers also hold query and form fields. */
    static String requestCredential(Exchange exchange) {
        return exchange.getIn() instanceof HttpMessage http ? Credentials.of(http.getRequest()::getHeader) : null;
    }
}
