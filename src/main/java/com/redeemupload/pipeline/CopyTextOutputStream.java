package com.redeemupload.pipeline;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Turns the output of PostgreSQL's {@code COPY ... TO STDOUT} (text format, one column) back into the text itself:
 * COPY escapes a backslash and the control characters ({@code \b \f \n \r \t \v}) with a backslash, and ends each
 * row with a line feed, which is passed through. Escapes are ASCII, so UTF-8 passes through byte for byte.
 */
final class CopyTextOutputStream extends FilterOutputStream {

    private boolean escaped;

    CopyTextOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        if (escaped) {
            escaped = false;
            out.write(switch (b) {
                case 'b' -> '\b';
                case 'f' -> '\f';
                case 'n' -> '\n';
                case 'r' -> '\r';
                case 't' -> '\t';
                case 'v' -> 0x0B;
                default -> b;   // a backslash, or any other character COPY chose to escape
            });
        } else if (b == '\\') {
            escaped = true;
        } else {
            out.write(b);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        int start = off;
        int end = off + len;
        for (int i = off; i < end; i++) {
            if (escaped || b[i] == '\\') {
                out.write(b, start, i - start);   // the plain run before it, at once
                write(b[i]);
                start = i + 1;
            }
        }
        out.write(b, start, end - start);
    }
}
