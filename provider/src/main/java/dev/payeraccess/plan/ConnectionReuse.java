package dev.payeraccess.plan;

import org.apache.http.HttpConnection;
import org.apache.http.protocol.BasicHttpContext;
import org.apache.http.protocol.HttpCoreContext;

/**
 * The context of one request to a pooled client that notes whether the request went out on a connection that had
 * carried a request before: one the pool kept, which the plan's side may have ended while it sat idle.
 *
 * <p>Apache HttpClient 4 puts the leased connection into the context before it opens it (if new) and again before
 * it writes the request; the connection's request count (of requests sent on it before this one) tells a reused
 * connection from a new one. Its own retries lease again, so this says what the last attempt went out on.
 */
final class ConnectionReuse extends BasicHttpContext {

    private volatile boolean reused;

    @Override
    public void setAttribute(String id, Object obj) {
        super.setAttribute(id, obj);
        if (HttpCoreContext.HTTP_CONNECTION.equals(id) && obj instanceof HttpConnection connection) {
            reused = requestsSentOn(connection) > 0;
        }
    }

    /** Whether the request was sent on a connection that had carried a request before. */
    boolean reused() {
        return reused;
    }

    private static long requestsSentOn(HttpConnection connection) {
        try {
            return connection.getMetrics().getRequestCount();
        } catch (RuntimeException released) {
            // A connection already handed back to the pool answers with an exception; nothing was sent on it here.
            return 0;
        }
    }
}
