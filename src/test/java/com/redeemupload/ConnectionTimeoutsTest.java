package com.redeemupload;

import com.redeemupload.support.RawHttp;
import com.redeemupload.support.ServiceTest;
import com.redeemupload.support.TestOrg;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Finding 11: the stalled-body timeout fired at up to 1.5 times its setting, and nothing closed a connection that
 * sent half a request and then nothing. Here the idle timeout is 1.5 s and the stalled-body timeout 5 s (the tests').
 */
class ConnectionTimeoutsTest extends ServiceTest {

    private static final long IDLE_MS = 1500;
    private static final long STALLED_MS = Long.getLong("redeem.http.stalled-body-timeout-ms");

    static {
        System.setProperty("redeem.http.idle-timeout-ms", Long.toString(IDLE_MS));
    }

    @AfterAll
    static void restoreIdleTimeout() {
        System.clearProperty("redeem.http.idle-timeout-ms");
    }

    @Test
    void aConnectionThatSendsHalfARequestLineIsClosed() throws IOException {
        try (Socket socket = RawHttp.open("GET /observe/hea")) {
            assertClosedAfter(socket, IDLE_MS);
        }
    }

    @Test
    void aConnectionThatSendsHalfItsHeadersIsClosed() throws IOException {
        try (Socket socket = RawHttp.open("GET /observe/health HTTP/1.1\r\nHost: localhost\r\nX-Slow: ")) {
            assertClosedAfter(socket, IDLE_MS);
        }
    }

    @Test
    void aKeptAliveConnectionNobodyUsesIsClosed() throws IOException {
        try (Socket socket = RawHttp.open("GET /observe/health HTTP/1.1\r\nHost: localhost\r\n\r\n")) {
            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            assertThat(RawHttp.readLine(in)).startsWith("HTTP/1.1 200");
            long length = 0;
            for (String header = RawHttp.readLine(in); !header.isEmpty(); header = RawHttp.readLine(in)) {
                if (header.toLowerCase().startsWith("content-length:")) {
                    length = Long.parseLong(header.substring(15).trim());
                }
            }
            in.readNBytes((int) length);

            assertClosedAfter(socket, IDLE_MS);
        }
    }

    /**
     * A request whose body stops arriving is answered 408 at its configured time (not up to half as late again), and
     * the idle timeout, shorter, does not close its connection first: a request being handled is not idle.
     */
    @Test
    void aStalledBodyIsAnsweredAtItsConfiguredTime() throws IOException, InterruptedException {
        TestOrg org = newOrg();
        try (Socket socket = RawHttp.open("POST /coupon/api/v1/customers HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + org.api.apiKey() + "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n[{\"mobile\": \"9198")) {
            Thread.sleep(100);   // a client that pauses, then sends a little more: the timeout counts from its last byte
            socket.getOutputStream().write("00".getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            long lastByte = System.nanoTime();
            socket.setSoTimeout(30_000);
            InputStream in = socket.getInputStream();
            String status = RawHttp.readLine(in);
            long ms = (System.nanoTime() - lastByte) / 1_000_000;

            assertThat(status).startsWith("HTTP/1.1 408");
            assertThat(ms).as("ms from the last byte to the 408").isBetween(STALLED_MS, STALLED_MS + 700);
        }
    }

    private static void assertClosedAfter(Socket socket, long ms) throws IOException {
        long start = System.nanoTime();
        socket.setSoTimeout(30_000);
        int read = socket.getInputStream().read();
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        assertThat(read).as("the connection is closed").isEqualTo(-1);
        assertThat(elapsed).as("ms until closed").isBetween(ms - 200, ms + 5000);
    }
}
