package com.redeemupload.pipeline;

import java.util.List;

/**
 * A run of consecutive data rows, the unit the pipeline splits a file into: small enough to keep memory flat,
 * large enough that each database round trip carries thousands of rows.
 * {@link RowChecks} fills in each row's code and message for rules 1 to 5 (0 and null when it passed).
 */
public final class RowChunk {

    private final List<RedemptionRow> rows;
    private final int[] codes;
    private final String[] messages;

    public RowChunk(List<RedemptionRow> rows) {
        this.rows = rows;
        this.codes = new int[rows.size()];
        this.messages = new String[rows.size()];
    }

    public List<RedemptionRow> rows() {
        return rows;
    }

    public int size() {
        return rows.size();
    }

    public int code(int i) {
        return codes[i];
    }

    public String message(int i) {
        return messages[i];
    }

    void refuse(int i, int code, String message) {
        codes[i] = code;
        messages[i] = message;
    }
}
