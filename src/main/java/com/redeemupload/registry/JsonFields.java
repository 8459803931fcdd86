package com.redeemupload.registry;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The values of a registry call's fields, each checked for its type and bound; a refusal names the item and field
 * ({@code customers[3].email}) and what would be accepted.
 */
final class JsonFields {

    /** Longest text of any field (identifiers, codes, bills, details), as rule 1 bounds an upload's fields. */
    static final int MAX_TEXT = 255;
    /** Longest name of an org, a series or a customer. */
    static final int MAX_NAME = 200;

    private JsonFields() {
    }

    /** A text field, trimmed; null when absent, null or blank. */
    static String text(JsonNode json, String field, String at) {
        return text(json, field, at, MAX_TEXT);
    }

    static String text(JsonNode json, String field, String at, int maxLength) {
        JsonNode v = json.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual() && !v.isNumber()) {
            throw new RegistryRequestException(prefix(at) + field + ": must be a string; got " + shown(v));
        }
        String s = v.asText().trim();
        if (s.length() > maxLength) {
            throw new RegistryRequestException(prefix(at) + field + ": at most " + maxLength + " characters; got " + s.length());
        }
        return s.isEmpty() ? null : s;
    }

    static Long longValue(JsonNode json, String field, String at) {
        JsonNode v = json.get(field);
        if (v == null || v.isNull() || v.isTextual() && v.textValue().isBlank()) {
            return null;
        }
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.longValue();
        }
        if (v.isTextual() && v.textValue().trim().matches("-?[0-9]{1,18}")) {
            return Long.parseLong(v.textValue().trim());
        }
        throw new RegistryRequestException(prefix(at) + field + ": must be a whole number; got " + shown(v));
    }

    static boolean bool(JsonNode json, String field) {
        JsonNode v = json.get(field);
        if (v == null || v.isNull()) {
            return false;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        throw new RegistryRequestException(field + ": must be true or false; got " + shown(v));
    }

    /** A per-coupon or per-customer limit: -1 (unlimited) or a positive int. */
    static int limit(JsonNode json, String field, int defaultValue) {
        Long v = longValue(json, field, "");
        if (v == null) {
            return defaultValue;
        }
        if (v != -1 && (v < 1 || v > Integer.MAX_VALUE)) {
            throw new RegistryRequestException(field + ": must be -1 (unlimited) or a positive whole number; got " + v);
        }
        return v.intValue();
    }

    /** A value as the refusal quotes it: short, so an answer never carries a client's long text back. */
    private static String shown(JsonNode v) {
        String text = v.toString();
        return text.length() <= 40 ? text : text.substring(0, 40) + "... (" + text.length() + " characters)";
    }

    private static String prefix(String at) {
        return at == null || at.isEmpty() ? "" : at + ".";
    }
}
