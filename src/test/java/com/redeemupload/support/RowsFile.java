package com.redeemupload.support;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A CSV file written line by line together with what must become of each row: accepted, or refused with a code and
 * a message that contains some words. {@link #verify} checks every row's fate against a finished job: accepted rows
 * in the success file (fields unchanged plus a redemptionId), refused rows in the error file (fields unchanged,
 * padded to the file's width, plus errorCode, errorMessage and rowNumber), both in file order, nothing else.
 */
public final class RowsFile {

    private record Row(long line, List<String> fields, Integer code, List<String> messageParts) {
    }

    private final StringBuilder text = new StringBuilder();
    private final List<String> header;
    private final int width;
    private final List<Row> rows = new ArrayList<>();
    private long line;

    private RowsFile(String header, int width) {
        this.header = header == null ? null : Csv.split(header);
        this.width = width;
        if (header != null) {
            line(header);
        }
    }

    public static RowsFile withHeader(String header) {
        return new RowsFile(header, Csv.split(header).size());
    }

    /** A file without a header row; {@code width} is the highest mapped column + 1. */
    public static RowsFile withoutHeader(int width) {
        return new RowsFile(null, width);
    }

    /** A row that must be accepted. */
    public RowsFile ok(String row) {
        rows.add(new Row(line(row), Csv.split(row), null, List.of()));
        return this;
    }

    /** A row that must be refused with {@code code}, its message containing each of {@code messageParts}. */
    public RowsFile refused(int code, String row, String... messageParts) {
        rows.add(new Row(line(row), Csv.split(row), code, Arrays.asList(messageParts)));
        return this;
    }

    public RowsFile blank() {
        line("");
        return this;
    }

    public String csv() {
        return text.toString();
    }

    public long lastLine() {
        return line;
    }

    /** Appends a line (or a record spanning lines, with a line break inside quotes); returns the line it starts on. */
    private long line(String s) {
        text.append(s).append('\n');
        long start = line + 1;
        line += 1 + s.chars().filter(c -> c == '\n').count();
        return start;
    }

    public void verify(JobResult result) {
        assertThat(result.job.get("actualRowCount").asLong()).as("actualRowCount").isEqualTo(rows.size());
        int skip = header == null ? 0 : 1;
        if (header != null) {
            assertThat(result.successFile.get(0)).as("success header").isEqualTo(with(header, "redemptionId"));
        }
        List<Row> accepted = rows.stream().filter(r -> r.code() == null).toList();
        List<Row> refused = rows.stream().filter(r -> r.code() != null).toList();
        // the success file has no line column: the line of each row is its redemption's row_number
        List<List<String>> success = result.successFile.subList(skip, result.successFile.size());
        List<String> successRows = new ArrayList<>();
        for (int i = 0; i < success.size(); i++) {
            List<String> r = success.get(i);
            successRows.add(r.subList(0, r.size() - 1) + " (line " + result.redemptions.get(i).rowNumber() + ")");
        }
        assertThat(successRows).as("accepted rows, in file order, fields unchanged")
                .containsExactlyElementsOf(accepted.stream().map(r -> r.fields().toString() + " (line " + r.line() + ")").toList());
        for (List<String> r : result.successFile.subList(skip, result.successFile.size())) {
            assertThat(r.get(r.size() - 1)).as("redemptionId").matches("[1-9][0-9]*");
        }

        if (refused.isEmpty()) {
            assertThat(result.errorFileText).as("error file").isNull();
            return;
        }
        if (header != null) {
            assertThat(result.errorFile.get(0)).as("error header").isEqualTo(with(header, "errorCode", "errorMessage", "rowNumber"));
        }
        List<List<String>> errorRows = result.errorFile.subList(skip, result.errorFile.size());
        assertThat(errorRows.stream().map(r -> r.get(r.size() - 1)).toList()).as("rowNumbers of the error file, in file order")
                .containsExactlyElementsOf(refused.stream().map(r -> Long.toString(r.line())).toList());
        for (int i = 0; i < refused.size(); i++) {
            Row expected = refused.get(i);
            List<String> actual = errorRows.get(i);
            List<String> padded = new ArrayList<>(expected.fields());
            while (padded.size() < width) {
                padded.add("");
            }
            String where = "error row of line " + expected.line() + ": " + actual;
            assertThat(actual.subList(0, actual.size() - 3)).as(where + ": original fields, padded to " + width).isEqualTo(padded);
            assertThat(actual.get(actual.size() - 3)).as(where + ": errorCode").isEqualTo(Integer.toString(expected.code()));
            String message = actual.get(actual.size() - 2);
            assertThat(message).as(where + ": errorMessage").isNotBlank();
            for (String part : expected.messageParts()) {
                assertThat(message).as(where + ": errorMessage").containsIgnoringCase(part);
            }
        }
    }

    private static List<String> with(List<String> header, String... more) {
        List<String> h = new ArrayList<>(header);
        h.addAll(Arrays.asList(more));
        return h;
    }
}
