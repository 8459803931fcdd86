package com.redeemupload.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.redeemupload.pipeline.BadFileException;
import com.redeemupload.upload.ColumnMapping;
import com.redeemupload.upload.CouponIdentifier;
import com.redeemupload.upload.CustomerIdentifier;
import com.redeemupload.upload.UploadKey;
import com.redeemupload.upload.UploadRequestException;
import com.redeemupload.upload.UploadSettings;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * The upload settings of a file that came without a form: from its sidecar JSON
 * ({@code {"customerIdentifier", "couponIdentifier", "uploadHeaders", "details", "hasHeaderRow"}}, every field
 * optional) and, for whatever the sidecar leaves out, from its header row, whose names are the column keys; the
 * identifiers then follow from which customer and coupon columns the header has.
 */
public final class DerivedSettings {

    // strict, as over HTTP: a key given twice, or anything after the object, refuses the sidecar
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final List<CustomerIdentifier> CUSTOMER_PREFERENCE = List.of(CustomerIdentifier.MOBILE,
            CustomerIdentifier.EMAIL, CustomerIdentifier.EXTERNAL_ID, CustomerIdentifier.USER_ID);

    private DerivedSettings() {
    }

    /**
     * @param sidecar  the sidecar's text, or null when there is none
     * @param header   reads the file's first record (null when the file is empty); only called when the
     *                 sidecar does not give uploadHeaders, so a file that cannot be read still becomes a job
     *                 (which then fails with the reason) when its columns are mapped
     * @param maxColumnIndex the highest column index uploadHeaders may name
     */
    public static UploadSettings of(String sidecar, HeaderRow header, String sidecarName, int maxColumnIndex) {
        JsonNode json = sidecar == null ? JSON.createObjectNode() : parse(sidecar, sidecarName);
        boolean hasHeaderRow = !json.hasNonNull("hasHeaderRow") || parseBoolean(json.get("hasHeaderRow"), sidecarName);
        ColumnMapping mapping;
        try {
            if (json.hasNonNull("uploadHeaders")) {
                JsonNode headers = json.get("uploadHeaders");
                mapping = ColumnMapping.fromUploadHeaders(headers.isTextual() ? headers.textValue() : headers.toString(),
                        maxColumnIndex);
            } else if (hasHeaderRow) {
                List<String> names = readHeader(header);
                if (names == null) {
                    throw new IntakeRefusedException("the file is empty, so there is no header row to map its columns");
                }
                mapping = ColumnMapping.fromHeaderRow(names);
            } else {
                throw new IntakeRefusedException("the sidecar says there is no header row, so it must give uploadHeaders "
                        + "(key to 0-based column)");
            }
            CustomerIdentifier customer = json.hasNonNull("customerIdentifier")
                    ? CustomerIdentifier.parse(json.get("customerIdentifier").asText())
                    : CUSTOMER_PREFERENCE.stream().filter(c -> mapping.has(c.column())).findFirst()
                    .orElseThrow(() -> new IntakeRefusedException("no column names the customer: the header row needs one of "
                            + "mobile, email, externalId, userId (or a sidecar " + sidecarName + " with uploadHeaders)"));
            CouponIdentifier coupon = json.hasNonNull("couponIdentifier")
                    ? CouponIdentifier.parse(json.get("couponIdentifier").asText())
                    : mapping.has(UploadKey.COUPON_CODE) ? CouponIdentifier.COUPON_CODE
                    : mapping.has(UploadKey.COUPON_ID) ? CouponIdentifier.COUPON_ID
                    : null;
            if (coupon == null) {
                throw new IntakeRefusedException("no column names the coupon: the header row needs couponCode or couponId "
                        + "(or a sidecar " + sidecarName + " with uploadHeaders)");
            }
            mapping.requireKeysFor(customer, coupon, json.hasNonNull("uploadHeaders") ? "uploadHeaders" : "header row");
            String details = json.hasNonNull("details") ? json.get("details").asText() : null;
            return new UploadSettings(customer, coupon, mapping, hasHeaderRow, details);
        } catch (UploadRequestException e) {
            throw new IntakeRefusedException(e.getMessage());
        }
    }

    /** Reads a file's first record; may fail with {@link BadFileException}. */
    public interface HeaderRow {
        List<String> read() throws IOException;
    }

    private static List<String> readHeader(HeaderRow header) {
        try {
            return header.read();
        } catch (BadFileException e) {
            throw new IntakeRefusedException("the header row cannot be read: " + e.getMessage());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static JsonNode parse(String sidecar, String sidecarName) {
        try {
            JsonNode json = JSON.readTree(sidecar);
            if (json == null || !json.isObject()) {
                throw new IntakeRefusedException("the sidecar " + sidecarName + " must be a JSON object such as "
                        + "{\"customerIdentifier\": \"MOBILE\", \"couponIdentifier\": \"COUPON_CODE\"}");
            }
            return json;
        } catch (IOException e) {
            throw new IntakeRefusedException("the sidecar " + sidecarName + " is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static boolean parseBoolean(JsonNode value, String sidecarName) {
        String text = value.asText().toLowerCase(Locale.ROOT);
        if (value.isBoolean() || text.equals("true") || text.equals("false")) {
            return value.isBoolean() ? value.booleanValue() : Boolean.parseBoolean(text);
        }
        throw new IntakeRefusedException("hasHeaderRow in the sidecar " + sidecarName + " must be true or false; got " + value);
    }
}
