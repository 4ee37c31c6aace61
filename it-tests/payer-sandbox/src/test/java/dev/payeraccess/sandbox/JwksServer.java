package dev.payeraccess.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A client's JWKS endpoint, like a Keycloak realm's {@code /protocol/openid-connect/certs}, on a free port. */
final class JwksServer implements AutoCloseable {

    private final HttpServer server;
    private final TestSigningKey encryptionKey;
    private final List<TestSigningKey> published = new CopyOnWriteArrayList<>();
    private final AtomicInteger fetches = new AtomicInteger();

    private JwksServer(HttpServer server, TestSigningKey encryptionKey) {
        this.server = server;
        this.encryptionKey = encryptionKey;
    }

    static JwksServer start() throws IOException, GeneralSecurityException {
        HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        JwksServer jwks = new JwksServer(server, TestSigningKey.rsa("enc-key", "RSA-OAEP"));
        server.createContext("/certs", exchange -> {
            jwks.fetches.incrementAndGet();
            byte[] body = jwks.document().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return jwks;
    }

    URI url() {
        return URI.create("http://localhost:" + server.getAddress().getPort() + "/certs");
    }

    /** From now on the set holds exactly {@code keys}. */
    void publish(TestSigningKey... keys) {
        published.clear();
        published.addAll(List.of(keys));
    }

    /** The key pair of the set's encryption key ({@code use: enc}), which must never verify a signature. */
    TestSigningKey encryptionKey() {
        return encryptionKey;
    }

    int fetches() {
        return fetches.get();
    }

    private String document() {
        ObjectNode set = SandboxClient.JSON.createObjectNode();
        ArrayNode keys = set.putArray("keys");
        published.forEach(k -> keys.add(k.jwk()));
        // Keycloak's set also holds an encryption key, which must never verify a signature.
        keys.add(encryptionKey.jwk().put("use", "enc"));
        return set.toString();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
