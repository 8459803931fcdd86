package com.redeemupload.api;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;

/**
 * How the service reads JSON a client sent: strictly (a repeated key, or anything after the JSON value, is refused)
 * and within bounds checked while the text arrives, so no body can make a large tree or a huge string in memory.
 * The bounds are backstops far above what any field accepts; the readers refuse longer values with their own message.
 */
public final class StrictJson {

    /** Deepest nesting of objects and arrays; the deepest body the API takes is 4 ({"coupons": [{"issuedTo": {}}]}). */
    public static final int MAX_DEPTH = 16;
    /** Longest string value read at all. */
    public static final int MAX_STRING = 10_000;
    /** Longest field name read at all. */
    public static final int MAX_NAME = 255;
    /** Most digits of a number (a long has 19). */
    public static final int MAX_NUMBER = 40;

    private static final JsonMapper STRICT = JsonMapper.builder(factory().build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    // parsers read value by value (each value would see the next token as trailing), so their users check the end
    private static final JsonMapper STREAMING = JsonMapper.builder(factory().build()).build();
    // uploadHeaders may be single-quoted ({'mobile': 2}), as the anchor API documents it (contract 2.1)
    private static final JsonMapper SINGLE_QUOTES_TOO = JsonMapper.builder(factory()
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES).build()).build();

    private StrictJson() {
    }

    /** The strict reader for a whole text: its readTree refuses trailing content too. */
    public static JsonMapper mapper() {
        return STRICT;
    }

    /** A streaming parser over a body; the caller checks for trailing content once the value is read ({@link #nothingAfter}). */
    public static JsonParser parser(InputStream body) throws IOException {
        return STREAMING.createParser(body);
    }

    /** The same over uploadHeaders' text, which may also use single quotes and unquoted names. */
    public static JsonParser singleQuotesTooParser(String text) throws IOException {
        return SINGLE_QUOTES_TOO.createParser(text);
    }

    /** Whether the parser, having read one whole value, is at the end of its input. */
    public static boolean nothingAfter(JsonParser parser) {
        try {
            return parser.nextToken() == null;
        } catch (IOException e) {
            return false;   // text that is not even JSON after the value
        }
    }

    private static JsonFactoryBuilder factory() {
        return new JsonFactoryBuilder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_DEPTH)
                        .maxStringLength(MAX_STRING)
                        .maxNameLength(MAX_NAME)
                        .maxNumberLength(MAX_NUMBER)
                        .build());
    }
}
