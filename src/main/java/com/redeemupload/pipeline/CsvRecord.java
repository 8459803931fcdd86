package com.redeemupload.pipeline;

import java.util.List;

/** One CSV record: the line it starts on (1-based, blank lines counted) and its fields as written. */
public record CsvRecord(long line, List<String> fields) {
}
