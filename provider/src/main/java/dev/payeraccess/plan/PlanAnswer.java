package dev.payeraccess.plan;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;
import org.apache.http.Header;
import org.apache.http.client.methods.CloseableHttpResponse;

/** The plan's answer to a forwarded read, still unread: its body is streamed to the app, then closed. */
public final class PlanAnswer implements Closeable {

    private final CloseableHttpResponse response;

    PlanAnswer(CloseableHttpResponse response) {
        this.response = response;
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

    /** The body, or an empty stream when the plan sent none. */
    public InputStream body() throws IOException {
        return response.getEntity() == null ? InputStream.nullInputStream() : response.getEntity().getContent();
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
