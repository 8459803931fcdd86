package com.redeemupload.api;

/**
 * The bounds of the HTTP API (each a property documented in config/application.properties).
 *
 * @param maxBodySize             largest upload (camel.server.maxBodySize)
 * @param maxJsonBody             largest body of any other call (redeem.http.max-json-body)
 * @param maxFormFieldBytes       largest form field other than the file (redeem.http.max-form-field-bytes)
 * @param maxFormFields           most parts in a form, the file included (redeem.http.max-form-fields)
 * @param unfinishedUploadGraceMs redeem.http.unfinished-upload-grace-ms
 * @param stalledBodyTimeoutMs    redeem.http.stalled-body-timeout-ms
 * @param idleTimeoutMs           redeem.http.idle-timeout-ms
 */
public record HttpLimits(long maxBodySize, long maxJsonBody, int maxFormFieldBytes, int maxFormFields,
                         long unfinishedUploadGraceMs, long stalledBodyTimeoutMs, long idleTimeoutMs) {
}
