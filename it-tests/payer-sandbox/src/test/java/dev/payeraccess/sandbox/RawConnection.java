package dev.payeraccess.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * One keep-alive HTTP/1.1 connection to the sandbox, driven by hand, so a test sees what a pooled client sees: an
 * answer, a connection the server closed (end of stream) or reset, or a connection that stays silent.
 */
final class RawConnection implements AutoCloseable {

    /** What became of a connection the test waited on. */
    enum Fate { CLOSED, RESET, OPEN }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RawConnection(int port) throws IOException {
        socket = new Socket("localhost", port);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** Sends {@code GET path} and reads the whole answer; its status, or -1 when the connection ended first. */
    int get(String path) throws IOException {
        out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        socket.setSoTimeout(10_000);
        String head = head();
        if (head.isEmpty()) {
            return -1;
        }
        skipBody(head.toLowerCase(Locale.ROOT));
        return Integer.parseInt(head.substring(9, 12));
    }

    /** Waits {@code time} for the server to end the connection. */
    Fate after(Duration time) throws IOException {
        socket.setSoTimeout((int) time.toMillis());
        try {
            return in.read() == -1 ? Fate.CLOSED : Fate.OPEN;
        } catch (SocketTimeoutException silent) {
            return Fate.OPEN;
        } catch (java.net.SocketException reset) {
            return Fate.RESET;
        }
    }

    /** The status line and headers, or empty when the stream ended before the first byte. */
    private String head() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b == -1) {
                return "";
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    private void skipBody(String head) throws IOException {
        int at = head.indexOf("content-length:");
        if (at >= 0) {
            long length = Long.parseLong(head.substring(at + 15, head.indexOf("\r\n", at)).trim());
            in.readNBytes((int) length);
            return;
        }
        if (head.contains("transfer-encoding: chunked")) {
            for (int size = chunkSize(); size > 0; size = chunkSize()) {
                in.readNBytes(size + 2);
            }
            line(); // the empty line after the last chunk
        }
    }

    private int chunkSize() throws IOException {
        return Integer.parseInt(line().split(";")[0].trim(), 16);
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n' && b != -1; b = in.read()) {
            line.append((char) b);
        }
        return line.toString().trim();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
