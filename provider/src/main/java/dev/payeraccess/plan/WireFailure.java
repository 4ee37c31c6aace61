package dev.payeraccess.plan;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.apache.http.NoHttpResponseException;
import org.apache.http.conn.ConnectTimeoutException;

/**
 * What an I/O failure of a call to a plan says about the request: whether any of it can have reached the plan, and
 * whether the connection ended before the plan's answer began. Decided by the exception's type alone, as Apache
 * HttpClient 4 and the JDK throw them.
 */
final class WireFailure {

    private WireFailure() {
    }

    /**
     * Nothing of the request left this node: no connection was made (refused, no route, unknown host, connect
     * timeout, no pooled connection in time) or the TLS handshake failed before any request byte could be sent.
     */
    static boolean beforeSending(IOException e) {
        return e instanceof ConnectException || e instanceof NoRouteToHostException || e instanceof UnknownHostException
            || e instanceof ConnectTimeoutException || e instanceof SSLHandshakeException;
    }

    /**
     * The connection ended before any byte of an answer arrived: closed by the other side
     * ({@link NoHttpResponseException}: the stream ended where the status line should be) or reset, while the
     * request was written or awaited. What a pooled connection that the plan's side ended meanwhile does. A timeout
     * is not one: a slow plan is not a dead connection, and asking it twice doubles its load.
     */
    static boolean beforeAnswer(IOException e) {
        return e instanceof NoHttpResponseException
            || e instanceof SocketException && !beforeSending(e)
            || e instanceof SSLException && !beforeSending(e);
    }
}
