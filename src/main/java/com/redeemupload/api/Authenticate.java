package com.redeemupload.api;

import com.redeemupload.registry.Orgs;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.util.Optional;

/**
 * Finds the org of the API key a call carries ({@code Authorization: Bearer <key>} or
 * {@code X-CAP-API-OAUTH-TOKEN: <key>}) and puts it in the exchange property {@code orgId}; 401 otherwise.
 */
public final class Authenticate implements Processor {

    public static final String ORG_ID = "orgId";

    private final Orgs orgs;

    public Authenticate(Orgs orgs) {
        this.orgs = orgs;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        String key = apiKey(exchange);
        if (key == null) {
            throw new ApiException(401, ErrorCodes.UNAUTHORIZED,
                    "no API key: send it as 'Authorization: Bearer <apiKey>' or 'X-CAP-API-OAUTH-TOKEN: <apiKey>'");
        }
        Optional<Long> org = orgs.orgOfApiKey(key);
        if (org.isEmpty()) {
            throw new ApiException(401, ErrorCodes.UNAUTHORIZED, "the API key is not known; ask your administrator for a valid one");
        }
        exchange.setProperty(ORG_ID, org.get());
    }

    static String apiKey(Exchange exchange) {
        String bearer = exchange.getMessage().getHeader("Authorization", String.class);
        if (bearer != null && bearer.regionMatches(true, 0, "Bearer ", 0, 7) && !bearer.substring(7).isBlank()) {
            return bearer.substring(7).trim();
        }
        String token = exchange.getMessage().getHeader("X-CAP-API-OAUTH-TOKEN", String.class);
        return token == null || token.isBlank() ? null : token.trim();
    }
}
