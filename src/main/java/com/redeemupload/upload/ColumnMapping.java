package com.redeemupload.upload;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.redeemupload.api.StrictJson;

import java.io.IOException;
import java.io.UncheckedIOException;
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

    private final Map<UploadKey, Integer> columns;

    private ColumnMapping(Map<UploadKey, Integer> columns) {
        this.columns = Collections.unmodifiableMap(new EnumMap<>(columns));
    }

    /**
     * Parses {@code uploadHeaders}: a JSON object of key to 0-based column index (single quotes accepted), each index
     * at most {@code maxColumnIndex} (a file without a header row is padded to the mapping's width in the error file).
     * A repeated key, or anything after the object, is refused rather than half-read.
     */
    public static ColumnMapping fromUploadHeaders(String json, int maxColumnIndex) {
        JsonNode root = parse(json);
        if (root == null || !root.isObject()) {
            throw new UploadRequestException("uploadHeaders", "must be a JSON object of key to 0-based column index");
        }
        Map<UploadKey, Integer> columns = new EnumMap<>(UploadKey.class);
        Map<Integer, String> keyOfColumn = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            UploadKey key = UploadKey.byKey(entry.getKey()).orElseThrow(() -> new UploadRequestException("uploadHeaders",
                    "unknown key '" + entry.getKey() + "'; the keys are " + UploadKey.allKeys()));
            int index = columnIndex(entry.getKey(), entry.getValue(), maxColumnIndex);
            String other = keyOfColumn.putIfAbsent(index, entry.getKey());
            if (other != null) {
                throw new UploadRequestException("uploadHeaders", "keys '" + other + "' and '" + entry.getKey()
                        + "' both name column " + index + "; each column holds one key");
            }
            columns.put(key, index);
        }
        return new ColumnMapping(columns);
    }

    private static JsonNode parse(String json) {
        try (JsonParser parser = StrictJson.singleQuotesTooParser(json)) {
            JsonNode root = parser.readValueAsTree();
            if (!StrictJson.nothingAfter(parser)) {
                throw new UploadRequestException("uploadHeaders", "has more after its JSON object (column "
                        + parser.currentTokenLocation().getColumnNr() + "); send one object such as {\"mobile\": 0, "
                        + "\"couponCode\": 1, \"redeemedDateInMillis\": 2, \"redeemedAt\": 3}");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new UploadRequestException("uploadHeaders", "is not a JSON object such as {\"mobile\": 0, \"couponCode\": 1, "
                    + "\"redeemedDateInMillis\": 2, \"redeemedAt\": 3}: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);   // not from a String
        }
    }

    private static int columnIndex(String key, JsonNode value, int maxColumnIndex) {
        int index;
        if (value.isIntegralNumber() && value.canConvertToInt() && value.intValue() >= 0) {
            index = value.intValue();
        } else if (value.isTextual() && value.textValue().trim().matches("\\d{1,9}")) {
            index = Integer.parseInt(value.textValue().trim());
        } else {
            throw new UploadRequestException("uploadHeaders", "the index of '" + key + "' is " + value
                    + "; it must be a 0-based column number (0, 1, 2, ...)");
        }
        if (index > maxColumnIndex) {
            throw new UploadRequestException("uploadHeaders", "the index of '" + key + "' is " + index
                    + "; it must be a 0-based column number from 0 to " + maxColumnIndex + " (redeem.csv.max-column-index)");
        }
        return index;
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
