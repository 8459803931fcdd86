package com.redeemupload.api;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Admits calls that carry the configured admin token (same headers as an API key); 401 otherwise. */
public final class AuthenticateAdmin implements Processor {

    private final String adminToken;

    public AuthenticateAdmin(String adminToken) {
        this.adminToken = adminToken;
    }

    @Override
    public void process(Exchange exchange) {
        if (adminToken == null || adminToken.isBlank()) {
            throw new ApiException(401, ErrorCodes.UNAUTHORIZED,
                    "the admin API is off: set redeem.admin.token (or REDEEM_ADMIN_TOKEN) to use it");
        }
        String given = Authenticate.apiKey(exchange);
        if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), adminToken.getBytes(StandardCharsets.UTF_8))) {
            throw new ApiException(401, ErrorCodes.UNAUTHORIZED, "this call needs the admin token as 'Authorization: Bearer <token>'");
        }
    }
}
