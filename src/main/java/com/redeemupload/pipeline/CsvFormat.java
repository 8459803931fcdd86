package com.redeemupload.pipeline;

import java.util.List;

/** Writes fields as an RFC 4180 line, quoting only where needed, so unchanged fields read back unchanged. */
public final class CsvFormat {

    private CsvFormat() {
    }

    public static String line(List<String> fields) {
        StringBuilder out = new StringBuilder(fields.size() * 12);
        appendLine(out, fields);
        return out.toString();
    }

    public static void appendLine(StringBuilder out, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            appendField(out, fields.get(i));
        }
        if (fields.size() == 1 && fields.get(0).isEmpty()) {
            out.append("\"\"");   // otherwise the record would read back as a blank line
        }
    }

    public static void appendField(StringBuilder out, String field) {
        boolean quote = field.indexOf(',') >= 0 || field.indexOf('"') >= 0 || field.indexOf('\n') >= 0
                || field.indexOf('\r') >= 0 || field.startsWith("\uFEFF");
        if (!quote) {
            out.append(field);
            return;
        }
        out.append('"');
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '"') {
                out.append('"');
            }
            out.append(c);
        }
        out.append('"');
    }
}
