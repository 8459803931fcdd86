package com.redeemupload.registry;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.redeemupload.api.ApiException;
import com.redeemupload.api.ErrorCodes;
import com.redeemupload.api.StrictJson;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * A registry call's JSON body, read as it arrives and never held as a whole tree: each object is checked field by
 * field against its {@link JsonShape} (an unknown field, or an object or array where a value belongs, is refused
 * before its value is read), and a bulk call's items are counted as they come, so a batch holds at most
 * {@code maxBatch} items whatever the size of the body. Every refusal names where it happened: {@code customers[3].name}.
 */
final class JsonBody {

    private final JsonParser parser;
    private String where = "the body";

    private JsonBody(JsonParser parser) {
        this.parser = parser;
    }

    /** A body that is one object of this shape. */
    static ObjectNode object(InputStream body, JsonShape shape) throws IOException {
        try (JsonParser parser = open(body)) {
            JsonBody reader = new JsonBody(parser);
            return reader.whole(() -> {
                if (parser.currentToken() != JsonToken.START_OBJECT) {
                    throw new RegistryRequestException("the body must be a JSON object with the fields " + shape.fieldList());
                }
                return reader.object(shape, "");
            });
        }
    }

    /**
     * A bulk call's items: a JSON array, or an object whose one field {@code field} holds it. Each item is parsed as
     * it arrives; the item after {@code maxBatch} stops the reading (413).
     */
    static <T> List<T> items(InputStream body, String field, JsonShape shape, int maxBatch,
                             BiFunction<ObjectNode, String, T> parse) throws IOException {
        try (JsonParser parser = open(body)) {
            JsonBody reader = new JsonBody(parser);
            return reader.whole(() -> {
                boolean wrapped = parser.currentToken() == JsonToken.START_OBJECT
                        && parser.nextToken() == JsonToken.FIELD_NAME && field.equals(parser.currentName())
                        && parser.nextToken() == JsonToken.START_ARRAY;
                if (!wrapped && parser.currentToken() != JsonToken.START_ARRAY) {
                    throw new RegistryRequestException("the body must be a JSON array, or an object with the array in '"
                            + field + "' and no other field");
                }
                List<T> parsed = reader.array(field, shape, maxBatch, parse);
                if (wrapped) {
                    reader.where = "the body";
                    JsonToken end = parser.nextToken();
                    if (end != JsonToken.END_OBJECT) {
                        throw new RegistryRequestException("the body: unknown field '" + parser.currentName()
                                + "'; the only field is '" + field + "'");
                    }
                }
                return parsed;
            });
        }
    }

    private interface Reading<T> {
        T read() throws IOException;
    }

    private static JsonParser open(InputStream body) throws IOException {
        JsonParser parser = StrictJson.parser(body == null ? InputStream.nullInputStream() : body);
        try {
            if (parser.nextToken() == null) {
                throw new RegistryRequestException("the body is empty; send JSON");
            }
        } catch (JsonProcessingException e) {
            parser.close();
            throw refusal("the body", e);
        } catch (RuntimeException e) {
            parser.close();
            throw e;
        }
        return parser;
    }

    /** Reads one value, then refuses anything after it; the parser's own refusals get the place they happened. */
    private <T> T whole(Reading<T> reading) throws IOException {
        try {
            T value = reading.read();
            where = "the body";
            if (!StrictJson.nothingAfter(parser)) {
                throw new RegistryRequestException("the body has more after its JSON value (" + at(parser.currentTokenLocation())
                        + "); send one JSON value");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw refusal(where, e);
        }
    }

    private <T> List<T> array(String field, JsonShape shape, int maxBatch, BiFunction<ObjectNode, String, T> parse)
            throws IOException {
        List<T> parsed = new ArrayList<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (parsed.size() == maxBatch) {
                throw new ApiException(413, ErrorCodes.TOO_LARGE, field + ": more than " + maxBatch + " items; at most "
                        + maxBatch + " per call (redeem.registry.max-batch), send the rest in more calls");
            }
            String at = field + "[" + parsed.size() + "]";
            where = at;
            if (token != JsonToken.START_OBJECT) {
                throw new RegistryRequestException(at + ": must be a JSON object with the fields " + shape.fieldList()
                        + "; got " + kind(token));
            }
            parsed.add(parse.apply(object(shape, at), at));
        }
        return parsed;
    }

    /** The object the parser is at the start of, field by field. */
    private ObjectNode object(JsonShape shape, String at) throws IOException {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
            String name = parser.currentName();
            String path = at.isEmpty() ? name : at + "." + name;
            where = path;
            if (!shape.accepts(name)) {
                throw new RegistryRequestException(path + ": unknown field; the fields are " + shape.fieldList());
            }
            JsonToken value = parser.nextToken();
            JsonShape nested = shape.objects().get(name);
            if (nested != null && value == JsonToken.START_OBJECT) {
                node.set(name, object(nested, path));
            } else if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                throw new RegistryRequestException(path + ": must be " + (nested != null
                        ? "an object with the fields " + nested.fieldList() : "a string, number or true/false")
                        + "; got " + kind(value));
            } else {
                node.set(name, (JsonNode) parser.readValueAsTree());
            }
            where = at.isEmpty() ? "the body" : at;
        }
        return node;
    }

    private static String kind(JsonToken token) {
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "true/false";
            case VALUE_NULL -> "null";
            default -> token.asString() == null ? token.name() : token.asString();
        };
    }

    private static RegistryRequestException refusal(String where, JsonProcessingException e) {
        if (e instanceof StreamConstraintsException && e.getOriginalMessage().startsWith("String value length")) {
            // the reader stopped part way through, so Jackson's count is not the value's length
            return new RegistryRequestException(where + ": longer than " + StrictJson.MAX_STRING
                    + " characters; no field takes more than " + JsonFields.MAX_TEXT);
        }
        return new RegistryRequestException(where + ": " + e.getOriginalMessage()
                + (e.getLocation() == null ? "" : " (" + at(e.getLocation()) + ")"));
    }

    private static String at(JsonLocation location) {
        return "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
