package com.redeemupload.pipeline;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The CSV dialect of contract section 4, and the line numbers the error file's rowNumber is made of. */
class CsvReaderTest {

    private static final int MAX_LINE = 100;

    @Test
    void byteOrderMarkIsSkipped() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        assertThat(read(concat(bom, utf8("mobile,couponCode\n1,A\n"))))
                .containsExactly(record(1, "mobile", "couponCode"), record(2, "1", "A"));
    }

    @Test
    void crlfLfAndLoneCrAllEndLines() {
        assertThat(read("a,b\r\nc,d\ne,f\rg,h"))
                .containsExactly(record(1, "a", "b"), record(2, "c", "d"), record(3, "e", "f"), record(4, "g", "h"));
    }

    @Test
    void lastLineWithoutLineBreakIsRead() {
        assertThat(read("a,b\nc,d")).containsExactly(record(1, "a", "b"), record(2, "c", "d"));
    }

    @Test
    void blankLinesAreSkippedButCounted() {
        assertThat(read("\nh1,h2\r\n\r\n\nx,y\n\r\nz,w\n\n"))
                .containsExactly(record(2, "h1", "h2"), record(5, "x", "y"), record(7, "z", "w"));
    }

    @Test
    void allSpaceLineIsSkipped() {
        assertThat(read("a,b\n   \n \t \nc,d\n")).containsExactly(record(1, "a", "b"), record(4, "c", "d"));
    }

    @Test
    void lineOfOnlyCommasIsARecordOfEmptyFields() {
        assertThat(read(",\n")).containsExactly(record(1, "", ""));
    }

    @Test
    void quotedFieldsKeepCommasAndDoubledQuotes() {
        assertThat(read("\"Main St, 5\",\"say \"\"hi\"\"\",plain,\"\"\n"))
                .containsExactly(record(1, "Main St, 5", "say \"hi\"", "plain", ""));
    }

    @Test
    void quotedFieldSpanningLinesStartsOnItsFirstLineAndTheNextRecordCountsTheEmbeddedNewlines() {
        assertThat(read("h\n\"two\nlines\",x\n\"crlf\r\ninside\",y\nlast,z\n"))
                .containsExactly(record(1, "h"), record(2, "two\nlines", "x"), record(4, "crlf\r\ninside", "y"),
                        record(6, "last", "z"));
    }

    @Test
    void quotedFieldWithLoneCrCountsALine() {
        assertThat(read("\"a\rb\",x\nnext\n")).containsExactly(record(1, "a\rb", "x"), record(3, "next"));
    }

    @Test
    void recordOfJustTwoQuotesIsNotBlank() {
        assertThat(read("a\n\"\"\nb\n")).containsExactly(record(1, "a"), record(2, ""), record(3, "b"));
    }

    @Test
    void unterminatedQuoteNamesTheLineWhereItOpened() {
        assertThatThrownBy(() -> read("a,b\nc,d\n\ne,\"never closed\nf,g\nh,i\n"))
                .isInstanceOf(BadFileException.class)
                .hasMessageContaining("line 4")
                .hasMessageContaining("never closed");
    }

    @Test
    void nulByteIsABinaryFileNamingTheLine() {
        assertThatThrownBy(() -> read(concat(utf8("a,b\nc,d\ne"), new byte[] {0, 1, 2}, utf8(",f\n"))))
                .isInstanceOf(BadFileException.class)
                .hasMessageContaining("line 3")
                .hasMessageContaining("binary");
    }

    @Test
    void invalidUtf8SequenceNamesTheLine() {
        assertThatThrownBy(() -> read(concat(utf8("a,b\nc,d\n"), new byte[] {'x', (byte) 0xC3, 0x28}, utf8(",y\n"))))
                .isInstanceOf(BadFileException.class)
                .hasMessageContaining("line 3")
                .hasMessageContaining("UTF-8");
    }

    @Test
    void latin1TextNamesTheLineOfTheFirstNonUtf8Byte() {
        byte[] latin1 = "h1,h2\nok,fine\n\ncaf\u00e9,x\nmore,rows\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> read(latin1))
                .isInstanceOf(BadFileException.class)
                .hasMessageContaining("line 4")
                .hasMessageContaining("UTF-8");
    }

    @Test
    void invalidUtf8FarIntoALargeFileNamesItsLine() {
        StringBuilder good = new StringBuilder();
        for (int i = 1; i <= 20_000; i++) {
            good.append("row").append(i).append(",x\n");
        }
        byte[] file = concat(utf8(good.toString()), new byte[] {(byte) 0xE9}, utf8("\n"));
        assertThatThrownBy(() -> read(file))
                .isInstanceOf(BadFileException.class)
                .hasMessageContaining("line 20001");
    }

    @Test
    void multiByteSequenceCutOffAtTheEndNamesTheLastLine() {
        assertThatThrownBy(() -> read(concat(utf8("a,b\r\nc,"), new byte[] {(byte) 0xE2, (byte) 0x82})))
                .isInstanceOf(BadFileException.class)
                .hasMessageContaining("line 2")
                .hasMessageContaining("UTF-8");
    }

    @Test
    void validMultiByteCharactersAreRead() {
        assertThat(read("caf\u00e9,\u20ac,\uD83D\uDE00\n")).containsExactly(record(1, "caf\u00e9", "\u20ac", "\uD83D\uDE00"));
    }

    @Test
    void lineOverTheLimitNamesTheLine() {
        String tooLong = "x".repeat(MAX_LINE + 1);
        assertThatThrownBy(() -> read("a,b\n\nc," + tooLong + "\n"))
                .isInstanceOf(BadFileException.class)
                .hasMessageContaining("line 3")
                .hasMessageContaining("longer than the limit of " + MAX_LINE);
    }

    @Test
    void lineOfExactlyTheLimitIsRead() {
        String exact = "x".repeat(MAX_LINE - 2);
        assertThat(read("a," + exact + "\r\n")).containsExactly(record(1, "a", exact));
    }

    @Test
    void quotedFieldOverManyShortLinesPastTheLimitNamesTheLineTheRecordStartsOn() {
        String manyLines = "\"" + "x\n".repeat(MAX_LINE) + "\"";
        assertThatThrownBy(() -> read("a,b\n\nc," + manyLines + "\nd,e\n"))
                .isInstanceOf(BadFileException.class)
                .hasMessageContaining("the record that starts on line 3")
                .hasMessageContaining("longer than the limit of " + MAX_LINE);
        assertThatThrownBy(() -> readRaw(utf8("a,b\n\nc," + manyLines + "\n")))
                .isInstanceOf(BadFileException.class)
                .hasMessageContaining("the record that starts on line 3");
    }

    @Test
    void quotedFieldOfNothingButLineBreaksCountsThemAgainstTheLimit() {
        assertThatThrownBy(() -> read("a,b\n\"" + "\r\n".repeat(MAX_LINE) + "\"\n"))
                .isInstanceOf(BadFileException.class)
                .hasMessageContaining("the record that starts on line 2");
    }

    @Test
    void recordSpanningLinesUpToTheLimitIsRead() {
        String field = "x\n".repeat(MAX_LINE / 2 - 2);   // with its quotes and "a," the record is MAX_LINE long
        assertThat(read("a,\"" + field + "\"\nb,c\n")).containsExactly(record(1, "a", field), record(MAX_LINE / 2, "b", "c"));
    }

    /** A 32 MB quoted field of line breaks fails once the limit is reached: nothing after it is read or kept. */
    @Test
    void recordOverTheLimitFailsWithoutReadingTheRestOfTheFile() {
        long size = 32L << 20;
        long[] served = {0};
        InputStream openQuoteThenLineBreaks = new InputStream() {
            @Override
            public int read() {
                return served[0] < size ? served[0]++ == 0 ? '"' : '\n' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                int n = (int) Math.min(len, size - served[0]);
                if (n <= 0) {
                    return -1;
                }
                for (int i = 0; i < n; i++) {
                    b[off + i] = (byte) read();
                }
                return n;
            }
        };
        try (CsvReader reader = new CsvReader(openQuoteThenLineBreaks, MAX_LINE)) {
            assertThatThrownBy(reader::next).isInstanceOf(BadFileException.class)
                    .hasMessageContaining("the record that starts on line 1 is longer than the limit of " + MAX_LINE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(served[0]).as("bytes read").isLessThanOrEqualTo(128 * 1024);
    }

    @Test
    void emptyFileHasNoRecords() {
        assertThat(read("")).isEmpty();
        assertThat(read("\n\r\n  \n")).isEmpty();
    }

    @Test
    void rawRecordsAreTheRecordsAsWrittenWithoutTheirLineEnds() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        String text = "h1,h2\r\n\n \t \na,\"b,\"\"c\"\"\"\r\"x\ny\",z\r\"\"\n,\nlast, one";
        assertThat(readRaw(concat(bom, utf8(text)))).containsExactly(
                "1:2:h1,h2", "4:2:a,\"b,\"\"c\"\"\"", "5:2:\"x\ny\",z", "7:1:\"\"", "8:2:,", "9:2:last, one");
    }

    /** Records, and the CRLF between them, that straddle the reader's 64K-character buffer come out whole. */
    @Test
    void rawRecordsAcrossBufferRefillsAreTheParsedRecordsAsWritten() {
        StringBuilder file = new StringBuilder();
        List<String> written = new ArrayList<>();
        String[] ends = {"\r\n", "\n", "\r", "\r\n\r\n"};
        for (int i = 0; file.length() < 300_000; i++) {
            String record = i % 7 == 0 ? "\"multi\r\nline " + i + "\",\"q\"\"" + "x".repeat(i % 40) + "\"" : i + ",c" + "y".repeat(i % 53) + ",";
            written.add(record);
            file.append(record).append(ends[i % ends.length]);
        }
        List<CsvRecord> parsed = read(file.toString());
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < parsed.size(); i++) {
            expected.add(parsed.get(i).line() + ":" + parsed.get(i).fields().size() + ":" + written.get(i));
        }
        assertThat(readRaw(utf8(file.toString()))).hasSize(written.size()).containsExactlyElementsOf(expected);
    }

    /** Each raw record as line:fieldCount:text. */
    static List<String> readRaw(byte[] bytes) {
        List<String> records = new ArrayList<>();
        try (CsvReader reader = new CsvReader(new ByteArrayInputStream(bytes), MAX_LINE)) {
            for (CsvReader.RawRecord r = reader.nextRaw(); r != null; r = reader.nextRaw()) {
                records.add(r.line() + ":" + r.fieldCount() + ":" + r.text());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return records;
    }

    static List<CsvRecord> read(String text) {
        return read(utf8(text));
    }

    static List<CsvRecord> read(byte[] bytes) {
        List<CsvRecord> records = new ArrayList<>();
        try (CsvReader reader = new CsvReader(new ByteArrayInputStream(bytes), MAX_LINE)) {
            for (CsvRecord r = reader.next(); r != null; r = reader.next()) {
                records.add(r);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return records;
    }

    private static CsvRecord record(long line, String... fields) {
        return new CsvRecord(line, List.of(fields));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
