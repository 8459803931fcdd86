package com.redeemupload.api;

import io.vertx.ext.auth.User;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Admits calls that carry the configured admin token (same headers as an API key, headers only); 401 otherwise.
 * {@link AuthenticateFirst} has already checked it before the body was read.
 */
public final class AuthenticateAdmin implements Processor {

    private final String adminToken;

    public AuthenticateAdmin(String adminToken) {
        this.adminToken = adminToken;
    }

    @Override
    public void process(Exchange exchange) {
        if (adminToken == null || adminToken.isBlank()) {
            throw new ApiException(401, ErrorCodes.UNAUTHORIZED, Credentials.ADMIN_OFF);
        }
        User user = Authenticate.authenticatedUser(exchange);
        if (user != null && Boolean.TRUE.equals(user.principal().getValue(AuthenticateFirst.ADMIN))) {
            return;
        }
        String given = Authenticate.requestCredential(exchange);
        if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), adminToken.getBytes(StandardCharsets.UTF_8))) {
            throw new ApiException(401, ErrorCodes.UNAUTHORIZED, Credentials.NOT_ADMIN);
        }
    }
}
