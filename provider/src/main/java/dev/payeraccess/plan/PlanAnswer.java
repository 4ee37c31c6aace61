package dev.payeraccess.plan;

import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Locale;
import java.util.Optional;
import org.apache.http.Header;
import org.apache.http.client.methods.CloseableHttpResponse;

/** The plan's answer to a forwarded read, still unread: its body is streamed to the app, then closed. */
public final class PlanAnswer implements Closeable {

    private final CloseableHttpResponse response;
    private final long deadlineNanos;

    PlanAnswer(CloseableHttpResponse response, long deadlineNanos) {
        this.response = response;
        this.deadlineNanos = deadlineNanos;
    }

    public int status() {
        return response.getStatusLine().getStatusCode();
    }

    public Optional<String> header(String name) {
        Header header = response.getFirstHeader(name);
        return header == null ? Optional.empty() : Optional.ofNullable(header.getValue());
    }

    public boolean isJson() {
        return header("Content-Type").map(t -> t.toLowerCase(Locale.ROOT).contains("json")).orElse(false);
    }

    /**
     * The body, or an empty stream when the plan sent none. Reading it past the request's deadline fails,
     * so a plan that trickles an endless answer cannot hold a connection and a worker for ever (each read
     * is also bounded by the plan's timeout).
     */
    public InputStream body() throws IOException {
        InputStream body = response.getEntity() == null ? InputStream.nullInputStream()
            : response.getEntity().getContent();
        return new FilterInputStream(body) {
            @Override
            public int read() throws IOException {
                checkDeadline();
                return super.read();
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                checkDeadline();
                return super.read(buffer, offset, length);
            }
        };
    }

    private void checkDeadline() throws IOException {
        if (System.nanoTime() - deadlineNanos > 0) {
            throw new InterruptedIOException("the proxied request's deadline passed while the plan's answer streamed");
        }
    }

    /**
     * Closes without reading the rest: an unread body would otherwise be drained to reuse the connection,
     * which for a 100 MB bundle the app stopped reading is the wrong trade.
     */
    @Override
    public void close() throws IOException {
        response.close();
    }

    /** Closes an answer that will not be passed on; the connection is discarded either way. */
    public void discard() {
        try {
            close();
        } catch (IOException e) {
            // nothing more to release
        }
    }
}
