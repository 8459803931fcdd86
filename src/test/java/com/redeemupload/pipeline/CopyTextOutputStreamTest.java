package com.redeemupload.pipeline;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class CopyTextOutputStreamTest {

    private static String unescape(String copied, int chunk) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] bytes = copied.getBytes(StandardCharsets.UTF_8);
        try (CopyTextOutputStream copy = new CopyTextOutputStream(out)) {
            for (int i = 0; i < bytes.length; i += chunk) {
                copy.write(bytes, i, Math.min(chunk, bytes.length - i));
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void plainRowsPassThrough() throws IOException {
        assertThat(unescape("a,b,1\nc,\"d e\",2\n", 1 << 16)).isEqualTo("a,b,1\nc,\"d e\",2\n");
    }

    @Test
    void escapesBecomeTheCharactersTheyStandFor() throws IOException {
        assertThat(unescape("\"line\\nbreak\",C:\\\\dir,\\ttab,\\r\\b\\f\\v,1\n", 1 << 16))
                .isEqualTo("\"line\nbreak\",C:\\dir,\ttab,\r\b\f\u000B,1\n");
    }

    @Test
    void anEscapeSplitAcrossWritesIsStillUnderstood() throws IOException {
        assertThat(unescape("a\\\\b\\nc,ü,1\n", 1)).isEqualTo("a\\b\nc,ü,1\n");
        assertThat(unescape("a\\\\b\\nc,ü,1\n", 2)).isEqualTo("a\\b\nc,ü,1\n");
    }
}
