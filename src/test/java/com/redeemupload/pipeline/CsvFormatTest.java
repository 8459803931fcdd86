package com.redeemupload.pipeline;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** What the success and error files write reads back as the same fields: "original fields unchanged" (contract 2.4). */
class CsvFormatTest {

    static Stream<List<String>> records() {
        return Stream.of(
                List.of("plain", "fields", "123"),
                List.of("Main St, 5", "x"),
                List.of("say \"hi\"", "\"", "\"\""),
                List.of("two\nlines", "cr\rlf\r\n", "y"),
                List.of(""),
                List.of("", ""),
                List.of("", "last empty", ""),
                List.of("  spaces kept  ", " "),
                List.of("\uFEFFstarts with a byte-order mark", "b"),
                List.of("caf\u00e9 \u20ac \uD83D\uDE00", "a,\"b\"\nc"));
    }

    @ParameterizedTest
    @MethodSource("records")
    void lineReadsBackAsTheSameFields(List<String> fields) {
        List<CsvRecord> back = CsvReaderTest.read(CsvFormat.line(fields) + "\n");
        assertThat(back).hasSize(1);
        assertThat(back.get(0).fields()).containsExactlyElementsOf(fields);
    }

    @Test
    void fieldsAreQuotedOnlyWhereNeeded() {
        assertThat(CsvFormat.line(List.of("a", "b c", "d,e", "f\"g"))).isEqualTo("a,b c,\"d,e\",\"f\"\"g\"");
        assertThat(CsvFormat.line(List.of(""))).isEqualTo("\"\"");
        assertThat(CsvFormat.line(List.of("", ""))).isEqualTo(",");
    }

    @Test
    void recordsInARowReadBackWithTheirLines() {
        String text = CsvFormat.line(List.of("a\nb", "c")) + "\n" + CsvFormat.line(List.of("")) + "\n" + CsvFormat.line(List.of("d")) + "\n";
        assertThat(CsvReaderTest.read(text)).containsExactly(
                new CsvRecord(1, List.of("a\nb", "c")), new CsvRecord(3, List.of("")), new CsvRecord(4, List.of("d")));
    }
}
