package dev.payeraccess.health.round;

import java.io.IOException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.http.HttpHost;
import org.apache.http.HttpRequest;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpRequestBase;
import org.apache.http.conn.ClientConnectionManager;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.params.HttpParams;
import org.apache.http.protocol.HttpContext;

/**
 * A client whose every request ends at its deadline: twice the request's own socket timeout, counted from when it
 * is sent to the last byte of the answer. A timeout alone bounds each wait for a byte, so a plan that sends one byte
 * every few seconds would hold a probing thread for as long as it likes; here the connection is ended then
 * ({@link HttpRequestBase#abort()}, which also ends a read of the body under way), and the read fails. Twice, so a
 * plan that is slow to begin (up to the timeout) still has as long again to send a large CapabilityStatement.
 */
final class DeadlineHttpClient extends CloseableHttpClient {

    private final CloseableHttpClient client;
    private final ScheduledExecutorService deadlines;

    DeadlineHttpClient(CloseableHttpClient client, ScheduledExecutorService deadlines) {
        this.client = client;
        this.deadlines = deadlines;
    }

    @Override
    protected CloseableHttpResponse doExecute(HttpHost target, HttpRequest request, HttpContext context)
        throws IOException {
        if (request instanceof HttpRequestBase abortable && abortable.getConfig() != null
            && abortable.getConfig().getSocketTimeout() > 0) {
            RequestConfig config = abortable.getConfig();
            // Aborting a request that has ended does nothing, so the deadline is never called off.
            deadlines.schedule(abortable::abort, 2L * config.getSocketTimeout(), TimeUnit.MILLISECONDS);
        }
        return client.execute(target, request, context);
    }

    @Override
    public void close() throws IOException {
        client.close();
    }

    @Override
    @Deprecated
    public HttpParams getParams() {
        return client.getParams();
    }

    @Override
    @Deprecated
    public ClientConnectionManager getConnectionManager() {
        return client.getConnectionManager();
    }
}
