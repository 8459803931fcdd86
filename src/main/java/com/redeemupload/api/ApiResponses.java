package com.redeemupload.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.redeemupload.db.ConnectionLoss;
import com.redeemupload.registry.RegistryRequestException;
import com.redeemupload.upload.UploadRequestException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the API's JSON envelope: {@code {"success": true, "status": 200, "result": {...}}}, or on error
 * {@code {"success": false, "status": 400, "errors": [{"code": ..., "message": ...}]}}.
 * The request's headers are dropped first, so none of them is echoed back as a response header.
 */
public final class ApiResponses {

    private static final Logger LOG = LoggerFactory.getLogger(ApiResponses.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** the database cannot be reached just now (listed in the README with the other codes) */
    static final int DATABASE_UNAVAILABLE = 1503;

    public void ok(Exchange exchange) throws JsonProcessingException {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("success", true);
        envelope.put("status", 200);
        envelope.put("result", exchange.getMessage().getBody());
        write(exchange.getMessage(), 200, envelope);
    }

    public void error(Exchange exchange) throws JsonProcessingException {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        ApiException refusal = asApiException(e);
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("success", false);
        envelope.put("status", refusal.status());
        envelope.put("errors", List.of(Map.of("code", refusal.code(), "message", refusal.getMessage())));
        write(exchange.getMessage(), refusal.status(), envelope);
    }

    private static ApiException asApiException(Exception e) {
        if (e instanceof ApiException api) {
            return api;
        }
        if (e instanceof UploadRequestException | e instanceof RegistryRequestException) {
            return new ApiException(400, ErrorCodes.BAD_REQUEST, e.getMessage());
        }
        if (e instanceof JsonProcessingException json) {
            return new ApiException(400, ErrorCodes.BAD_REQUEST, "the body is not the JSON expected: " + json.getOriginalMessage());
        }
        if (ConnectionLoss.isCause(e)) {
            LOG.warn("Request answered 503, the database cannot be reached: {}", e.getMessage());
            return new ApiException(503, DATABASE_UNAVAILABLE, "the database cannot be reached just now; try again in a moment");
        }
        LOG.error("Request failed", e);
        return new ApiException(500, ErrorCodes.INTERNAL, "the service failed to handle the request; it is logged, "
                + "try again later or tell the operator (" + (e == null ? "unknown error" : e.getClass().getSimpleName()) + ")");
    }

    private static void write(Message message, int status, Map<String, Object> envelope) throws JsonProcessingException {
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setBody(JSON.writeValueAsString(envelope));
    }
}
