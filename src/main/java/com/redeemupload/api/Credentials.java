package com.redeemupload.api;

import java.util.function.Function;

/**
 * The credential a call carries, read from the two headers of the contract (section 2) only: {@code Authorization:
 * Bearer <key>} or {@code X-CAP-API-OAUTH-TOKEN: <key>}. Never from the query string or a form field, which end up in
 * proxy and access logs (and which platform-http hands over mixed with the headers).
 */
final class Credentials {

    static final String NO_API_KEY = "no API key: send it as 'Authorization: Bearer <apiKey>' or 'X-CAP-API-OAUTH-TOKEN: <apiKey>'";
    static final String UNKNOWN_API_KEY = "the API key is not known; ask your administrator for a valid one";
    static final String ADMIN_OFF = "the admin API is off: set redeem.admin.token (or REDEEM_ADMIN_TOKEN) to use it";
    static final String NOT_ADMIN = "this call needs the admin token as 'Authorization: Bearer <token>'";

    private Credentials() {
    }

    /** The key in a request's headers, or null; {@code header} reads one header of the request by name. */
    static String of(Function<String, String> header) {
        String bearer = header.apply("Authorization");
        if (bearer != null && bearer.regionMatches(true, 0, "Bearer ", 0, 7) && !bearer.substring(7).isBlank()) {
            return bearer.substring(7).trim();
        }
        String token = header.apply("X-CAP-API-OAUTH-TOKEN");
        return token == null || token.isBlank() ? null : token.trim();
    }
}
