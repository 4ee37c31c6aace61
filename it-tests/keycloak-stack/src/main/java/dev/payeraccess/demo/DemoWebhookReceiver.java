package dev.payeraccess.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The demo's webhook receiver, standing in for an organization's app: subscribed to every lifecycle type of the demo
 * realm when the demo starts, it checks each delivery's Standard Webhooks signature ({@code v1,} HMAC-SHA256 of
 * {@code id.timestamp.body} with the {@code whsec_} secret's bytes), prints one line per delivery and shows the last
 * 100 at {@code /} (newest first, refreshing itself). What it shows is what the extension sends: ids, aliases, states
 * and times, never a token or a member's data.
 */
public final class DemoWebhookReceiver implements AutoCloseable {

    /** One delivery as received. */
    public record Delivery(Instant receivedAt, String id, String type, boolean verified, String body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int KEPT = 100;

    private final HttpServer server;
    private final Deque<Delivery> deliveries = new ConcurrentLinkedDeque<>();
    private volatile byte[] secret = new byte[0];

    private DemoWebhookReceiver(HttpServer server) {
        this.server = server;
    }

    /** @param port 0 for any free port */
    public static DemoWebhookReceiver start(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("localhost", port), 0);
        DemoWebhookReceiver receiver = new DemoWebhookReceiver(server);
        server.createContext("/hooks", receiver::receive);
        server.createContext("/", receiver::showLog);
        server.start();
        return receiver;
    }

    public String url() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    /**
     * Subscribes this receiver to every lifecycle type of {@code realm} through the extension's admin API, signing in
     * as Keycloak's admin, and keeps the secret the answer shows once.
     *
     * @return the subscription's id
     */
    public String subscribe(String keycloakUrl, String realm, String adminUser, String adminPassword)
        throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(keycloakUrl
                + "/realms/master/protocol/openid-connect/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=admin-cli&username=" + adminUser
                + "&password=" + adminPassword)).build(), HttpResponse.BodyHandlers.ofString());
        String accessToken = JSON.readTree(token.body()).path("access_token").asText();
        String api = keycloakUrl + "/admin/realms/" + realm + "/payer-access/webhooks";
        String body = JSON.createObjectNode().put("url", url() + "/hooks").set("types", JSON.valueToTree(List.of(
            "link.linked", "link.renewed", "link.revoked", "link.relink_required", "link.grant_ending",
            "link.unlinked", "plan.health_changed"))).toString();
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(api))
            .header("Authorization", "Bearer " + accessToken).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IOException("Subscribing the demo's webhook receiver answered HTTP " + created.statusCode()
                + ": " + created.body());
        }
        JsonNode subscription = JSON.readTree(created.body());
        useSecret(subscription.path("secret").asText());
        return subscription.path("id").asText();
    }

    /** Verifies deliveries with {@code whsecSecret} ({@code whsec_} and the Base64 of the key's bytes) from now on. */
    void useSecret(String whsecSecret) {
        secret = Base64.getDecoder().decode(whsecSecret.substring("whsec_".length()));
    }

    public List<Delivery> deliveries() {
        return new ArrayList<>(deliveries);
    }

    private void receive(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String id = String.valueOf(exchange.getRequestHeaders().getFirst("webhook-id"));
        boolean verified = verifies(id, exchange.getRequestHeaders().getFirst("webhook-timestamp"),
            exchange.getRequestHeaders().getFirst("webhook-signature"), body);
        String type = type(body);
        deliveries.addFirst(new Delivery(Instant.now(), id, type, verified, body));
        while (deliveries.size() > KEPT) {
            deliveries.removeLast();
        }
        System.out.println("webhook " + type + " " + (verified ? "signature verified" : "SIGNATURE NOT VERIFIED")
            + ": " + body);
        exchange.sendResponseHeaders(verified ? 204 : 401, -1);
        exchange.close();
    }

    /** Standard Webhooks v1: any of the space-separated {@code v1,} signatures matches. */
    boolean verifies(String id, String timestamp, String signatures, String body) {
        if (timestamp == null || signatures == null || secret.length == 0) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] expected = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            for (String signature : signatures.split(" ")) {
                if (signature.startsWith("v1,") && MessageDigest.isEqual(expected,
                    Base64.getDecoder().decode(signature.substring(3)))) {
                    return true;
                }
            }
            return false;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static String type(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node == null ? "?" : node.path("type").asText("?");
        } catch (IOException e) {
            return "?";
        }
    }

    private void showLog(HttpExchange exchange) throws IOException {
        StringBuilder page = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            + "<meta http-equiv=\"refresh\" content=\"5\"><title>Webhook deliveries</title><style>"
            + "body{font-family:system-ui,sans-serif;margin:2rem}td,th{padding:.3rem .6rem;text-align:left;"
            + "vertical-align:top}code{font-size:.85rem}.bad{color:#a00}</style></head><body>"
            + "<h1>Webhook deliveries</h1><p>What the demo realm sent this receiver (newest first; the page "
            + "refreshes every 5 seconds).</p><table id=\"deliveries\"><tr><th>received</th><th>type</th>"
            + "<th>signature</th><th>body</th></tr>");
        for (Delivery delivery : deliveries) {
            page.append("<tr><td>").append(delivery.receivedAt()).append("</td><td>").append(escape(delivery.type()))
                .append("</td><td").append(delivery.verified() ? ">verified" : " class=\"bad\">not verified")
                .append("</td><td><code>").append(escape(delivery.body())).append("</code></td></tr>");
        }
        byte[] html = page.append("</table></body></html>").toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(200, html.length);
        exchange.getResponseBody().write(html);
        exchange.close();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
