package com.redeemupload.api;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

import java.util.Locale;

/**
 * Writes a multipart request's Content-Type in lower case (media type and parameter names; the boundary's value
 * stays as it is) before Vert.x reads it: media types ignore case, but Vert.x decodes the parts of
 * {@code multipart/form-data} only, so {@code Multipart/Form-Data} uploads were refused as having no file.
 */
public final class ContentTypeCase implements StartupListener {

    private static final String MULTIPART_FORM_DATA = "multipart/form-data";

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // the router exists only once the context has started
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        for (VertxPlatformHttpRouter router : context.getRegistry().findByType(VertxPlatformHttpRouter.class)) {
            router.route().order(Integer.MIN_VALUE).handler(ContentTypeCase::lowerCaseMultipart);   // before the body handlers
        }
    }

    private static void lowerCaseMultipart(RoutingContext ctx) {
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
