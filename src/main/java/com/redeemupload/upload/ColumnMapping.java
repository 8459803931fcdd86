package com.redeemupload.upload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Which column holds which {@link UploadKey}: the {@code uploadHeaders} of an upload, or the names of a header row.
 */
public final class ColumnMapping {

    private static final JsonMapper LENIENT_JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)        // {'mobile': 2}, as the anchor API documents it
            .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)   // {"mobile": 0, "mobile": 1} is refused, not half-read
            .build();

    private final Map<UploadKey, Integer> columns;

    private ColumnMapping(Map<UploadKey, Integer> columns) {
        this.columns = Collections.unmodifiableMap(new EnumMap<>(columns));
    }

    /** Parses {@code uploadHeaders}: a JSON object of key to 0-based column index (single quotes accepted). */
    public static ColumnMapping fromUploadHeaders(String json) {
        JsonNode root;
        try {
            root = LENIENT_JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UploadRequestException("uploadHeaders", "is not a JSON object such as {\"mobile\": 0, \"couponCode\": 1, "
                    + "\"redeemedDateInMillis\": 2, \"redeemedAt\": 3}: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new UploadRequestException("uploadHeaders", "must be a JSON object of key to 0-based column index");
        }
        Map<UploadKey, Integer> columns = new EnumMap<>(UploadKey.class);
        Map<Integer, String> keyOfColumn = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            UploadKey key = UploadKey.byKey(entry.getKey()).orElseThrow(() -> new UploadRequestException("uploadHeaders",
                    "unknown key '" + entry.getKey() + "'; the keys are " + UploadKey.allKeys()));
            int index = columnIndex(entry.getKey(), entry.getValue());
            String other = keyOfColumn.putIfAbsent(index, entry.getKey());
            if (other != null) {
                throw new UploadRequestException("uploadHeaders", "keys '" + other + "' and '" + entry.getKey()
                        + "' both name column " + index + "; each column holds one key");
            }
            columns.put(key, index);
        }
        return new ColumnMapping(columns);
    }

    private static int columnIndex(String key, JsonNode value) {
        if (value.isIntegralNumber() && value.canConvertToInt() && value.intValue() >= 0) {
            return value.intValue();
        }
        if (value.isTextual() && value.textValue().trim().matches("\\d{1,9}")) {
            return Integer.parseInt(value.textValue().trim());
        }
        throw new UploadRequestException("uploadHeaders", "the index of '" + key + "' is " + value
                + "; it must be a 0-based column number (0, 1, 2, ...)");
    }

    /** Maps a header row: each cell that names a key (any case) maps that key to its column; other cells are ignored. */
    public static ColumnMapping fromHeaderRow(List<String> header) {
        Map<UploadKey, Integer> columns = new EnumMap<>(UploadKey.class);
        for (int i = 0; i < header.size(); i++) {
            int column = i;
            UploadKey.byHeaderName(header.get(i)).ifPresent(key -> {
                Integer earlier = columns.putIfAbsent(key, column);
                if (earlier != null) {
                    throw new UploadRequestException("file", "the header row names '" + key.key() + "' twice (columns "
                            + earlier + " and " + column + ")");
                }
            });
        }
        return new ColumnMapping(columns);
    }

    /** Stored form: key name to column index. */
    public static ColumnMapping fromStored(Map<String, Integer> stored) {
        Map<UploadKey, Integer> columns = new EnumMap<>(UploadKey.class);
        stored.forEach((key, index) -> columns.put(UploadKey.byKey(key).orElseThrow(), index));
        return new ColumnMapping(columns);
    }

    /** Refuses the mapping unless the keys every row needs are mapped (400, naming the missing key). */
    public ColumnMapping requireKeysFor(CustomerIdentifier customer, CouponIdentifier coupon, String where) {
        for (UploadKey key : List.of(customer.column(), coupon.column(), UploadKey.REDEEMED_DATE, UploadKey.REDEEMED_AT)) {
            if (!columns.containsKey(key)) {
                throw new UploadRequestException(where, "no column is mapped to '" + key.key() + "', which "
                        + (key == customer.column() ? "customerIdentifier " + customer + " needs"
                        : key == coupon.column() ? "couponIdentifier " + coupon + " needs" : "every row needs"));
            }
        }
        return this;
    }

    public OptionalInt column(UploadKey key) {
        Integer index = columns.get(key);
        return index == null ? OptionalInt.empty() : OptionalInt.of(index);
    }

    public boolean has(UploadKey key) {
        return columns.containsKey(key);
    }

    /** The highest mapped column + 1: the width of a file that has no header row. */
    public int width() {
        return columns.values().stream().mapToInt(i -> i + 1).max().orElse(0);
    }

    public Map<String, Integer> toStored() {
        Map<String, Integer> stored = new LinkedHashMap<>();
        columns.forEach((key, index) -> stored.put(key.key(), index));
        return stored;
    }

    @Override
    public String toString() {
        return toStored().toString();
    }
}
