package com.redeemupload.support;

import java.util.ArrayList;
import java.util.List;

/** A small RFC 4180 reader for the files the service writes, independent of the service's own reader. */
public final class Csv {

    private Csv() {
    }

    /** The records of a CSV text (LF or CRLF line ends; blank lines skipped). */
    public static List<List<String>> parse(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                any = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
                any = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                if (any || field.length() > 0) {
                    record.add(field.toString());
                    records.add(record);
                }
                record = new ArrayList<>();
                field.setLength(0);
                any = false;
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new AssertionError("unterminated quote in:\n" + text);
        }
        if (any || field.length() > 0) {
            record.add(field.toString());
            records.add(record);
        }
        return records;
    }

    /** One line as a user would type it, split on commas (no quoting), keeping every field as written. */
    public static List<String> split(String line) {
        return parse(line).isEmpty() ? List.of("") : parse(line).get(0);
    }
}
