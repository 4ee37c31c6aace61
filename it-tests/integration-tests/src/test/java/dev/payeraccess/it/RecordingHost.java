package dev.payeraccess.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A host an administrator could re-point a plan at: it answers every request like a willing plan (200 with
 * a token-shaped JSON body) and records what it received, so a test can show that no member token, refresh
 * token or client secret ever reached it. Built on the JDK's HTTP server, on a free loopback port.
 */
final class RecordingHost implements AutoCloseable {

    /** One request as received: what a thief would keep. */
    record Received(String method, String path, Map<String, List<String>> headers, String body) {
        @Override
        public String toString() {
            return method + " " + path + " headers=" + headers.keySet() + " body=" + body.length() + " chars";
        }
    }

    private static final byte[] ANSWER = """
        {"access_token":"from-the-other-host","token_type":"Bearer","expires_in":3600,"refresh_token":"x",
         "patient":"p","resourceType":"Bundle","type":"searchset","entry":[]}""".getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private RecordingHost(HttpServer server) {
        this.server = server;
    }

    static RecordingHost start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        RecordingHost host = new RecordingHost(server);
        server.createContext("/", host::answer);
        server.start();
        return host;
    }

    /** {@code http://127.0.0.1:{port}}, which a plan's configuration accepts like {@code localhost}. */
    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    private void answer(HttpExchange exchange) throws IOException {
        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
            Map.copyOf(exchange.getRequestHeaders()), new String(exchange.getRequestBody().readAllBytes(),
                StandardCharsets.UTF_8)));
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, ANSWER.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(ANSWER);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
