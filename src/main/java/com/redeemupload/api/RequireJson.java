package com.redeemupload.api;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.util.Locale;

/** Refuses (415) a call whose body is not declared as JSON: a form-encoded body would be taken apart by the server. */
public final class RequireJson implements Processor {

    @Override
    public void process(Exchange exchange) {
        String type = exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class);
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new ApiException(415, ErrorCodes.NOT_JSON, "send the body as JSON with 'Content-Type: application/json' (got "
                    + (type == null ? "no Content-Type" : type) + ")");
        }
    }
}
