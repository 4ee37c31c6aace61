package dev.payeraccess.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.payeraccess.launch.KeycloakStack;
import dev.payeraccess.sandbox.SandboxSettings;
import dev.payeraccess.sandbox.TestMembers;
import dev.payeraccess.sandbox.Track;
import dev.payeraccess.sandbox.control.Area;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An organization's app hears of its members' links through signed webhooks: an administrator subscribes a receiver
 * (a small HTTP server of the test), a member links a plan and reads (a renewal), an administrator unlinks it, and
 * each change arrives signed so that the Standard Webhooks reference verifier (npm {@code standardwebhooks} 1.3.0,
 * unmodified, run with Node) accepts it; a receiver that fails is tried again; a 410 disables the subscription and
 * the admin events say so; no delivery carries a token or anything of the member's data. The same changes are
 * Keycloak events, found by kind and plan through the extension's admin view. The shared test Keycloak runs a
 * delivery round every second.
 */
@ExtendWith(PayerAccessStack.class)
class WebhooksIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Set<String> DATA_FIELDS = Set.of("realm", "plan", "userId", "state", "previousState",
        "reason", "at", "expiresAt", "subscriptionId");

    @Test
    void linkChangesArriveSignedRetriedAndWithoutTokens(KeycloakStack stack) throws Exception {
        Path verifier = installVerifier(stack.workDir().resolve("webhook-verifier"));
        TestRealm realm = TestRealm.create(stack, "webhooks");
        realm.admin.put("", Map.of("adminEventsEnabled", true)).expect(204);
        realm.admin.put("events/config", Map.of("eventsEnabled", true, "enabledEventTypes",
            List.of("FEDERATED_IDENTITY_LINK", "REFRESH_TOKEN", "REFRESH_TOKEN_ERROR", "REMOVE_FEDERATED_IDENTITY")))
            .expect(204);
        realm.addSmartScopes();
        realm.addPlan(realm.plan("plan", Track.TEST));
        try (Receiver receiver = Receiver.start()) {
            assertEquals(400, realm.admin.post("payer-access/webhooks", Map.of("url", "ftp://example.org/hook",
                "types", List.of("link.linked"))).status(), "a receiver must be an http(s) URL");
            ApiResponse plainHttp = realm.admin.post("payer-access/webhooks", Map.of("url",
                "http://93.184.216.34/hooks", "types", List.of("link.linked")));
            assertEquals(400, plainHttp.status(), "the outbound-target policy of plans: " + plainHttp.body());
            ApiResponse unknown = realm.admin.post("payer-access/webhooks", Map.of("url", receiver.url(),
                "types", List.of("link.exploded")));
            assertEquals(400, unknown.status());
            assertTrue(unknown.body().contains("link.revoked"), "the refusal lists the types: " + unknown.body());

            JsonNode created = realm.admin.post("payer-access/webhooks", Map.of("url", receiver.url(),
                "types", List.of("link.linked", "link.renewed", "link.unlinked"))).expect(201).json();
            String id = created.get("id").asText();
            String secret = created.get("secret").asText();
            assertTrue(secret.startsWith("whsec_"), created.toString());
            assertFalse(realm.admin.read("payer-access/webhooks").body().contains(secret), "the secret is shown once");
            receiver.failNext(1);
            stack.sandbox().controls().accessTokenLifetime(Duration.ofSeconds(2));
            MemberLinking walk = new MemberLinking(stack);
            KeycloakBrowser browser = new KeycloakBrowser();
            String appToken = walk.appAccessToken(realm, walk.link(realm, "plan", TestMembers.SHERIE, browser),
                browser);
            Delivery linked = Eventually.within(WAIT, () -> receiver.delivered("link.linked"));
            assertEquals(2, receiver.attemptsAt(linked.id()), "the 500 was followed by a retry");
            JsonNode verified = verify(verifier, secret, linked);
            assertEquals("plan", verified.path("data").path("plan").asText());
            assertEquals(realm.userId(), verified.path("data").path("userId").asText());
            JsonNode log = realm.admin.get("payer-access/webhooks/" + id + "/deliveries").get(0);
            assertEquals("delivered", log.get("status").asText(), log.toString());
            assertEquals(2, log.get("attempts").asInt(), log.toString());
            Thread.sleep(2_000);
            assertEquals(200, realm.api().as(appToken).fhir("plan").get("Coverage").status());
            Delivery renewed = Eventually.within(WAIT, () -> receiver.delivered("link.renewed"));
            assertEquals("active", verify(verifier, secret, renewed).path("data").path("state").asText());
            realm.admin.post("payer-access/webhooks/" + id + "/deliveries/" + linked.id() + "/replay", null)
                .expect(202);
            Eventually.within(WAIT, () -> {
                assertEquals(3, receiver.attemptsAt(linked.id()), "replayed with the same webhook-id");
                return null;
            });
            // Unlinked by an administrator, through Keycloak's own admin API: every path is reported.
            realm.admin.delete("users/" + realm.userId() + "/federated-identity/plan").expect(204);
            Delivery unlinked = Eventually.within(WAIT, () -> receiver.delivered("link.unlinked"));
            verify(verifier, secret, unlinked);
            for (Delivery delivery : receiver.all()) {
                PayerTokens.assertNoneIn(stack, delivery.body() + delivery.headers(), "a webhook delivery");
                assertFalse(delivery.body().contains(TestMembers.SHERIE.patientId()), delivery.body());
                JsonNode data = ApiResponse.JSON.readTree(delivery.body()).get("data");
                data.fieldNames().forEachRemaining(field -> assertTrue(DATA_FIELDS.contains(field),
                    "ids, aliases, states and times only: " + delivery.body()));
            }
            JsonNode events = realm.admin.get("payer-access/lifecycle-events?kind=link.renewed&plan=plan");
            assertEquals(1, events.size(), events.toString());
            assertEquals("REFRESH_TOKEN", events.get(0).get("eventType").asText());
            assertEquals(3, realm.admin.get("payer-access/lifecycle-events?plan=plan").size(),
                "linked, renewed, unlinked");
            receiver.answerGone();
            realm.admin.post("payer-access/webhooks/" + id + "/test", null).expect(202);
            JsonNode disabled = Eventually.within(WAIT, () -> {
                JsonNode subscription = realm.admin.get("payer-access/webhooks/" + id);
                assertFalse(subscription.get("enabled").asBoolean(), subscription.toString());
                return subscription;
            });
            assertTrue(disabled.get("disabledReason").asText().contains("410"), disabled.toString());
            JsonNode adminEvent = realm.admin.get("admin-events?resourceTypes=CUSTOM").get(0);
            assertEquals("payer-access/webhooks/" + id, adminEvent.get("resourcePath").asText(), adminEvent.toString());
        }
        realm.delete();
    }

    /**
     * The plan ends a member's grant: the member disconnects the app on the plan's "connected apps" page. No app reads;
     * the background renewal (the plan's refresh tokens lapse after 10 s unused, so the link is renewed 5 s after
     * linking) finds the refresh token refused, the link becomes {@code relink-required} because the plan refused to
     * renew it, the lifecycle event {@code link.revoked} is recorded, and its signed webhook arrives. The realm has
     * SMTP settings (a mail server of the test) and the test Keycloak mails members ({@code reconnect-email}): the
     * member gets one e-mail asking to reconnect, naming neither the plan nor anything of the member's data.
     */
    @Test
    void aGrantThePlanRevokesIsReportedWithoutAnyAppRead(KeycloakStack stack) throws Exception {
        Path verifier = installVerifier(stack.workDir().resolve("webhook-verifier"));
        TestRealm realm = TestRealm.create(stack, "planrevokes");
        realm.admin.put("events/config", Map.of("eventsEnabled", true, "enabledEventTypes",
            List.of("REFRESH_TOKEN_ERROR"))).expect(204);
        realm.addSmartScopes();
        realm.addPlan(realm.plan("plan", Track.TEST));
        stack.sandbox().controls().refreshTokenIdleLifetime(Duration.ofSeconds(10));
        try (Receiver receiver = Receiver.start(); SmtpSink mailServer = SmtpSink.start()) {
            realm.admin.put("", Map.of("displayName", "Clinic Portal", "smtpServer", Map.of("host", "127.0.0.1",
                "port", String.valueOf(mailServer.port()), "from", "no-reply@clinic.example"))).expect(204);
            String secret = realm.admin.post("payer-access/webhooks", Map.of("url", receiver.url(),
                "types", List.of("link.revoked"))).expect(201).json().get("secret").asText();
            MemberLinking walk = new MemberLinking(stack);
            KeycloakBrowser browser = new KeycloakBrowser();
            HttpResponse<String> linked = walk.link(realm, "plan", TestMembers.DELMAR, browser);
            HttpResponse<String> portal = browser.post(stack.sandbox().urls().base() + "/account/connected-apps",
                Map.of("memberId", TestMembers.DELMAR.memberId(), "lastName", TestMembers.DELMAR.lastName(),
                    "birthDate", "05/15/1961", "action", "disconnect",
                    "clientId", SandboxSettings.KEYCLOAK_CLIENT.clientId()));
            assertTrue(portal.body().contains("is disconnected"), portal.body());
            PayerAccessApi app = realm.api().as(walk.appAccessToken(realm, linked, browser));
            int reads = stack.sandbox().controls().requestCount(Area.FHIR);

            Delivery revoked = Eventually.within(WAIT, () -> receiver.delivered("link.revoked"));

            JsonNode data = verify(verifier, secret, revoked).path("data");
            assertEquals(realm.userId(), data.path("userId").asText(), data::toString);
            assertEquals("relink-required", data.path("state").asText(), data::toString);
            assertEquals("plan_refused_renewal", data.path("reason").asText(), data::toString);
            JsonNode events = realm.admin.get("payer-access/lifecycle-events?kind=link.revoked&plan=plan");
            assertEquals(1, events.size(), events.toString());
            assertEquals("revoked_by_plan", events.get(0).path("error").asText(), events::toString);
            JsonNode link = app.links().list().expect(200).json().get(0);
            assertEquals("relink-required", link.path("tokenState").asText(), link::toString);
            assertEquals("plan-refused-renewal", link.path("relinkReason").asText(), link::toString);
            assertEquals(reads, stack.sandbox().controls().requestCount(Area.FHIR), "no app read the plan");

            SmtpSink.Mail mail = Eventually.within(WAIT, () -> {
                assertEquals(1, mailServer.received().size(), "mails: " + mailServer.received());
                return mailServer.received().get(0);
            });
            assertEquals(List.of(TestRealm.USER + "@example.org"), mail.recipients());
            assertTrue(mail.text().contains("Subject: Reconnect your health plan")
                && mail.text().contains("connections at Clinic Portal has ended")
                && mail.text().contains("asked you to connect again"), mail.text());
            assertFalse(mail.text().contains("Demo Health Plan") || mail.text().contains(TestMembers.DELMAR.patientId())
                || mail.text().contains(TestMembers.DELMAR.lastName()), "no plan, no member data: " + mail.text());
            PayerTokens.assertNoneIn(stack, mail.text(), "the reconnect e-mail");
            Thread.sleep(2_000); // two more renewal and delivery rounds
            assertEquals(1, mailServer.received().size(), "mailed once: " + mailServer.received());
        }
        realm.delete();
    }

    /**
     * A receiver learns which member linked which plan, as the events say: an administrator who may manage the realm
     * but not read its events can neither subscribe one nor read a delivery log.
     */
    @Test
    void onlyAdministratorsWhoMayReadEventsSubscribeOrReadDeliveries(KeycloakStack stack) throws Exception {
        TestRealm realm = TestRealm.create(stack, "webhookroles");
        try (Receiver receiver = Receiver.start()) {
            String id = realm.admin.post("payer-access/webhooks", Map.of("url", receiver.url(),
                "types", List.of("link.linked"))).expect(201).json().get("id").asText();
            realm.addUser("webmaster");
            String management = realm.clientUuid("realm-management");
            JsonNode manageRealm = realm.admin.get("clients/" + management + "/roles/manage-realm");
            realm.admin.post("users/" + realm.userId("webmaster") + "/role-mappings/clients/" + management,
                List.of(manageRealm)).expect(204);
            String token = realm.token("admin-cli", "webmaster", "openid");
            String api = stack.keycloak().baseUrl() + "/admin/realms/" + realm.name + "/payer-access/webhooks";

            ApiResponse subscribe = ApiResponse.send(HttpRequest.newBuilder(URI.create(api))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"url\":\"" + receiver.url()
                    + "\",\"types\":[\"link.linked\"]}")).build());
            ApiResponse log = ApiResponse.send(HttpRequest.newBuilder(URI.create(api + "/" + id + "/deliveries"))
                .header("Authorization", "Bearer " + token).build());
            ApiResponse deleted = ApiResponse.send(HttpRequest.newBuilder(URI.create(api + "/" + id))
                .header("Authorization", "Bearer " + token).DELETE().build());

            assertEquals(403, subscribe.status(), subscribe::toString);
            assertEquals(403, log.status(), log::toString);
            assertEquals(204, deleted.status(), "managing the realm is enough to stop deliveries: " + deleted);
            assertEquals(0, realm.admin.get("payer-access/webhooks").get("subscriptions").size(),
                "the subscription is deleted, and the refused one was never made");
        }
        realm.delete();
    }

    /** The reference verifier's verdict on a delivery; fails the test unless it verified. */
    private static JsonNode verify(Path dir, String secret, Delivery delivery) throws Exception {
        ObjectNode input = ApiResponse.JSON.createObjectNode();
        ObjectNode headers = input.putObject("headers");
        delivery.headers().forEach(headers::put);
        input.put("body", delivery.body());
        Path file = Files.createTempFile(dir, "delivery", ".json");
        Files.writeString(file, input.toString());
        String out = NodeScripts.run(dir, List.of("node", "verify-webhook.js", secret, file.toString()), 60);
        JsonNode result = NodeScripts.lastJsonLine(out, "the verifier");
        assertTrue(result.get("verified").asBoolean(), result + " for " + delivery);
        return result.get("payload");
    }

    /** {@code npm ci} of the committed lockfile, once per build directory; needs the npm registry. */
    private static Path installVerifier(Path dir) throws IOException, InterruptedException {
        return NodeScripts.install(dir, Path.of("src/test/js/webhooks"), "standardwebhooks",
            List.of("package.json", "package-lock.json", "verify-webhook.js"));
    }


    /** One request the receiver got: the three Standard Webhooks headers, the raw body and what it answered. */
    private record Delivery(Map<String, String> headers, String body, int answered) {

        String id() {
            return headers.get("webhook-id");
        }

        String type() throws IOException {
            return ApiResponse.JSON.readTree(body).path("type").asText();
        }
    }

    /** A webhook receiver on 127.0.0.1 that records each request and answers 204, 500 or 410 as told. */
    private static final class Receiver implements AutoCloseable {

        private final HttpServer server;
        private final List<Delivery> received = new CopyOnWriteArrayList<>();
        private final AtomicInteger failures = new AtomicInteger();
        private volatile boolean gone;

        private Receiver(HttpServer server) {
            this.server = server;
        }

        static Receiver start() throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            Receiver receiver = new Receiver(server);
            server.createContext("/hooks/payer-access", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                int status = receiver.gone ? 410 : receiver.failures.getAndUpdate(n -> Math.max(n - 1, 0)) > 0
                    ? 500 : 204;
                Map<String, String> headers = Map.of(
                    "webhook-id", String.valueOf(exchange.getRequestHeaders().getFirst("webhook-id")),
                    "webhook-timestamp", String.valueOf(exchange.getRequestHeaders().getFirst("webhook-timestamp")),
                    "webhook-signature", String.valueOf(exchange.getRequestHeaders().getFirst("webhook-signature")));
                receiver.received.add(new Delivery(headers, body, status));
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            server.start();
            return receiver;
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/payer-access";
        }

        void failNext(int count) {
            failures.set(count);
        }

        void answerGone() {
            gone = true;
        }

        List<Delivery> all() {
            return List.copyOf(received);
        }

        /** The first delivery of {@code type} the receiver took (answered 204). */
        Delivery delivered(String type) throws IOException {
            for (Delivery delivery : received) {
                if (delivery.answered() == 204 && delivery.type().equals(type)) {
                    return delivery;
                }
            }
            throw new AssertionError("no " + type + " delivered yet; received " + received);
        }

        long attemptsAt(String id) {
            return received.stream().filter(d -> id.equals(d.id())).count();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
