package dev.payeraccess.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.stream.Stream;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.apache.http.NoHttpResponseException;
import org.apache.http.conn.ConnectTimeoutException;
import org.apache.http.conn.ConnectionPoolTimeoutException;
import org.apache.http.conn.HttpHostConnectException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WireFailureTest {

    static Stream<Arguments> failures() {
        return Stream.of(
            // exception, nothing sent, ended before the answer
            Arguments.of(new HttpHostConnectException(new ConnectException("refused"), null), true, false),
            Arguments.of(new NoRouteToHostException(), true, false),
            Arguments.of(new UnknownHostException("plan.example"), true, false),
            Arguments.of(new ConnectTimeoutException(), true, false),
            Arguments.of(new ConnectionPoolTimeoutException(), true, false),
            Arguments.of(new SSLHandshakeException("bad certificate"), true, false),
            Arguments.of(new NoHttpResponseException("The target server failed to respond"), false, true),
            Arguments.of(new SocketException("Connection reset"), false, true),
            Arguments.of(new SocketException("Broken pipe"), false, true),
            Arguments.of(new SSLException("Connection reset"), false, true),
            Arguments.of(new SocketTimeoutException("Read timed out"), false, false),
            Arguments.of(new IOException("Premature end of Content-Length delimited message body"), false, false));
    }

    @ParameterizedTest
    @MethodSource("failures")
    void tellsWhatReachedThePlanAndWhetherTheConnectionEndedBeforeTheAnswer(IOException e, boolean beforeSending,
                                                                           boolean beforeAnswer) {
        assertEquals(beforeSending, WireFailure.beforeSending(e), "before sending");
        assertEquals(beforeAnswer, WireFailure.beforeAnswer(e), "before the answer");
    }
}
