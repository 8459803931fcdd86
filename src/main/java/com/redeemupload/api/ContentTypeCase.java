package com.redeemupload.api;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

import java.util.Locale;

/**
 * Writes a multipart request's Content-Type in lower case (media type and parameter names; the boundary's value
 * stays as it is) before Vert.x reads it: media types ignore case, but Vert.x decodes the parts of
 * {@code multipart/form-data} only, so {@code Multipart/Form-Data} uploads were refused as having no file.
 */
final class ContentTypeCase implements Handler<RoutingContext> {

    static final String MULTIPART_FORM_DATA = "multipart/form-data";

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (contentType != null && !contentType.startsWith(MULTIPART_FORM_DATA)
                && contentType.regionMatches(true, 0, MULTIPART_FORM_DATA, 0, MULTIPART_FORM_DATA.length())) {
            request.headers().set(HttpHeaders.CONTENT_TYPE, lowerCased(contentType));
        }
        ctx.next();
    }

    /** {@code Multipart/Form-Data; BOUNDARY=AbC} as {@code multipart/form-data; boundary=AbC}. */
    static String lowerCased(String contentType) {
        String[] parts = contentType.split(";");
        StringBuilder out = new StringBuilder(parts[0].trim().toLowerCase(Locale.ROOT));
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim();
            int equals = parameter.indexOf('=');
            out.append("; ").append(equals < 0 ? parameter.toLowerCase(Locale.ROOT)
                    : parameter.substring(0, equals).trim().toLowerCase(Locale.ROOT) + parameter.substring(equals));
        }
        return out.toString();
    }
}
