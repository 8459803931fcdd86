package com.redeemupload.pipeline;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams RFC 4180 records from UTF-8 bytes, one record at a time.
 * <p>
 * Written by hand rather than taken from commons-csv because the contract needs things a general parser does not
 * give: the exact line a record starts on (blank lines counted), strict UTF-8 (a wrong byte fails the file, it is
 * not replaced), a limit on the length of a record (and so of a line) that protects memory, whatever lines a quoted
 * field spans, and binary input recognised as such.
 * A byte-order mark is skipped; LF, CRLF and lone CR end lines; blank (or all-space) lines are skipped.
 * A quote inside an unquoted field, or text after a closing quote, is kept as written.
 */
public final class CsvReader implements Closeable {

    private static final int EOF = -1;

    private final InputStream in;
    private final CharsetDecoder decoder;
    private final ByteBuffer bytes = ByteBuffer.allocate(64 * 1024).flip();
    private boolean endOfInput;
    private boolean malformed;      // the bytes after the characters in the buffer are not UTF-8
    private final int maxLength;    // of a record, line breaks inside quotes included
    private final char[] buffer = new char[64 * 1024];
    private int position;
    private int limit;
    private long line = 1;          // the line the reader is on now
    private long recordLine;        // the line the record being read starts on
    private int recordLength;       // characters of the record being read so far
    private boolean started;
    private final StringBuilder raw = new StringBuilder(256);   // the record being read, as written (nextRaw)
    private boolean capturing;
    private final StringBuilder field = new StringBuilder();   // the field being read
    private int capturedFrom;       // where in the buffer the part of the record not yet in raw begins

    /** @param maxLength the longest record (and so line) in characters; a longer one fails the file */
    public CsvReader(InputStream in, int maxLength) {
        this.in = in;
        this.decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        this.maxLength = maxLength;
    }

    /** The next non-blank record, or null at the end of the file. */
    public CsvRecord next() {
        capturing = false;
        while (true) {
            long startLine = line;
            List<String> fields = readRecord(true);
            if (fields == null) {
                return null;
            }
            if (!blank(fields)) {
                return new CsvRecord(startLine, fields);
            }
        }
    }

    /**
     * A record as written: the line it starts on, how many fields it has, and its text without the line end, which
     * is the reader's own buffer, valid until the next call.
     */
    public record RawRecord(long line, int fieldCount, CharSequence text) {
    }

    /**
     * The next non-blank record as written, or null at the end of the file: the same records as {@link #next}, for
     * a reader that repeats them rather than reads their fields (no string is made per field).
     */
    public RawRecord nextRaw() {
        capturing = true;
        while (true) {
            long startLine = line;
            raw.setLength(0);
            capturedFrom = position;
            List<String> fields = readRecord(false);
            if (fields == null) {
                return null;
            }
            if (!blank(fields)) {
                return new RawRecord(startLine, fields.size(), raw);
            }
        }
    }

    private static boolean blank(List<String> fields) {
        return fields.size() == 1 && fields.get(0) != QUOTED_EMPTY && fields.get(0).isBlank();
    }

    /** Marks a field written as {@code ""}, so a record holding only it is not taken for a blank line. */
    private static final String QUOTED_EMPTY = new String("");

    /**
     * Reads one record. With {@code keepFields} false only its first field is kept (enough to tell a blank line), the
     * others are counted as empty strings, and the record's text goes to {@code raw}.
     */
    private List<String> readRecord(boolean keepFields) {
        recordLine = line;
        recordLength = 0;
        int c = read();
        if (c == EOF) {
            return null;
        }
        List<String> fields = new ArrayList<>(8);
        while (true) {
            // at the start of a field: its characters go to field, or nowhere when it is not kept
            StringBuilder into = keepFields || fields.isEmpty() ? field : null;
            boolean quoted = c == '"';
            if (quoted) {
                long openedOn = line;
                while (true) {
                    c = read();
                    if (c == EOF) {
                        throw new BadFileException("line " + openedOn + ": a quoted field opens there and is never closed"
                                + " (a \" inside a quoted field must be doubled as \"\")");
                    }
                    if (c == '"') {
                        c = read();
                        if (c != '"') {
                            break; // closing quote
                        }
                    } else if (c == '\n' || c == '\r') {
                        countInRecord(); // a line break inside quotes belongs to the field, and to its length
                        if (c == '\n' || peek() != '\n') {
                            endLine();
                        }
                    }
                    append(into, c);
                    appendRun(into, '"');
                }
            }
            // unquoted part (or text after a closing quote, kept as written)
            while (c != ',' && c != '\n' && c != '\r' && c != EOF) {
                if (!quoted) {
                    append(into, c);
                    appendRun(into, ',');
                } else if (c != '"') {
                    append(into, c);
                }
                c = read();
            }
            fields.add(into == null ? "" : quoted && field.length() == 0 ? QUOTED_EMPTY : field.toString());
            field.setLength(0);
            if (c == ',') {
                c = read();
                continue;
            }
            int lineEnd = 0;
            if (c == '\r') {
                lineEnd = 1;
                c = peek();
                if (c == '\n') {
                    read();
                    lineEnd = 2;
                }
                endLine();
            } else if (c == '\n') {
                lineEnd = 1;
                endLine();
            }
            if (capturing) {
                raw.append(buffer, capturedFrom, position - capturedFrom);
                raw.setLength(raw.length() - lineEnd);
            }
            return fields;
        }
    }

    /**
     * Takes the characters that follow in the buffer up to the next {@code stop}, line break or NUL (or the record's
     * length limit) at once, counted as {@link #read} counts them, into {@code into} unless it is null; {@code read}
     * then meets the one that stopped it.
     * Most of a file is such runs, so this is where reading spends its time.
     */
    private void appendRun(StringBuilder into, char stop) {
        int end = Math.min(limit, position + (maxLength - recordLength));
        int i = position;
        while (i < end) {
            char c = buffer[i];
            if (c == stop || c == '\n' || c == '\r' || c == 0) {
                break;
            }
            i++;
        }
        if (into != null) {
            into.append(buffer, position, i - position);
        }
        recordLength += i - position;
        position = i;
    }

    private static void append(StringBuilder into, int c) {
        if (into != null) {
            into.append((char) c);
        }
    }

    private void endLine() {
        line++;
    }

    private int peek() {
        if (position == limit && !fill()) {
            return EOF;
        }
        return buffer[position];
    }

    private int read() {
        if (position == limit && !fill()) {
            return EOF;
        }
        char c = buffer[position++];
        if (c == '\n' || c == '\r') {
            return c; // the caller ends the line (it knows whether it is inside quotes)
        }
        if (c == 0) {
            throw new BadFileException("line " + line + ": the file holds a NUL byte, so it is binary, not a CSV text file");
        }
        countInRecord();
        return c;
    }

    private void countInRecord() {
        if (++recordLength <= maxLength) {
            return;
        }
        if (recordLine == line) {
            throw new BadFileException("line " + line + " is longer than the limit of " + maxLength
                    + " characters (is it really a CSV file with line breaks?)");
        }
        throw new BadFileException("the record that starts on line " + recordLine + " is longer than the limit of "
                + maxLength + " characters by line " + line + " (a quoted field spans its lines: is a quote left open?)");
    }

    /**
     * Decodes the next characters into the buffer. Decoding is done here rather than by an InputStreamReader, which
     * throws away the characters it decoded before an invalid byte: the error is raised only once the characters
     * before the invalid byte have been read, so it names the line the byte is on.
     */
    private boolean fill() {
        if (capturing) {
            raw.append(buffer, capturedFrom, limit - capturedFrom);   // the record goes on in the next characters
            capturedFrom = limit;
        }
        try {
            CharBuffer out = CharBuffer.wrap(buffer);
            while (out.position() == 0) {
                if (malformed) {
                    throw new BadFileException("line " + line + ": the file is not UTF-8 text (an invalid byte sequence)");
                }
                CoderResult result = decoder.decode(bytes, out, endOfInput);
                if (result.isError()) {
                    malformed = true;
                } else if (result.isUnderflow()) {
                    if (endOfInput) {
                        if (out.position() == 0) {
                            return false;
                        }
                        break;
                    }
                    readBytes();
                }
            }
            position = 0;
            capturedFrom = 0;
            limit = out.position();
            if (!started) {
                started = true;
                if (buffer[0] == '\uFEFF') {
                    position = 1; // byte-order mark
                    capturedFrom = 1;
                    return position < limit || fill();
                }
            }
            return true;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the stored file: " + e.getMessage(), e);
        }
    }

    private void readBytes() throws IOException {
        bytes.compact();
        int n = in.read(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
        if (n < 0) {
            endOfInput = true;
        } else {
            bytes.position(bytes.position() + n);
        }
        bytes.flip();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** The first record of a file (its header row, when it has one), or null when the file has none. */
    public static List<String> firstRecord(Path file, int maxLength) throws IOException {
        try (CsvReader reader = new CsvReader(new BufferedInputStream(Files.newInputStream(file)), maxLength)) {
            CsvRecord first = reader.next();
            return first == null ? null : first.fields();
        }
    }
}
