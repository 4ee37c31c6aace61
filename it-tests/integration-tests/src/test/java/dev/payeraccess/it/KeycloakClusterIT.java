package dev.payeraccess.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.payeraccess.cluster.KeycloakCluster;
import dev.payeraccess.keycloak.KeycloakServer;
import dev.payeraccess.launch.KeycloakStack;
import dev.payeraccess.sandbox.PayerSandbox;
import dev.payeraccess.sandbox.TestMember;
import dev.payeraccess.sandbox.TestMembers;
import dev.payeraccess.sandbox.Track;
import dev.payeraccess.sandbox.control.Area;
import dev.payeraccess.sandbox.control.Fault;
import dev.payeraccess.sandbox.control.IdleClose;
import dev.payeraccess.sandbox.control.SandboxControls;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The extension as organizations run it: two Keycloak 26.7.3 nodes on one PostgreSQL database behind nginx
 * ({@code --hostname} set to nginx's URL), started once for this class against the suite's sandbox. Members link
 * through node A (the walk then follows Keycloak's pages through nginx); the tests read, renew, unlink, rotate keys,
 * kill and restart nodes, and call each node directly or nginx as the test needs.
 *
 * <p>Kill points of the node doing a renewal ({@code kill -9}), each tested below with its outcome on the survivor:
 * <ol>
 *   <li>its refresh is held at the plan, which never processes it: the survivor renews with the same refresh
 *       token and serves 200;</li>
 *   <li>the plan processes its refresh (rotating the refresh token) after the node died, so the answer is lost:
 *       the survivor's renewal is refused and it answers 409 {@code relink-required}, link kept;</li>
 *   <li>it stored the renewed tokens and was forwarding the read: the survivor serves 200 with no further
 *       refresh.</li>
 * </ol>
 * Keycloak drops a departed node's cluster locks when the view changes (its ClusterProvider's view-change
 * listener), so the survivor takes over within a second rather than after the lock's timeout; a read that was
 * waiting on the lock at that moment is told the renewal ended and may answer 502 (retry) once. Node B is the one
 * that dies in the renewal tests, so their admin calls keep going to node A; the webhook test kills whichever node is
 * delivering and starts it again; a test that needs both nodes starts any stopped node first.
 * After every test, no node's log may hold a payer token, whichever tests ran before.
 */
@ExtendWith(PayerAccessStack.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeycloakClusterIT {

    private static final int A = 0;
    private static final int B = 1;
    /** The plans of the kill tests answer or time out within 2 s, so a renewal's cluster lock lasts 2 + 10 s. */
    private static final int UPSTREAM_TIMEOUT_MS = 2_000;
    private static final Duration LOCK_TIMEOUT = Duration.ofSeconds(UPSTREAM_TIMEOUT_MS / 1000 + 10);
    private static final Duration SHORT_LIFETIME = Duration.ofSeconds(2);
    private static final Duration LONG_LIFETIME = Duration.ofHours(1);
    private static final Duration PROBE_INTERVAL = Duration.ofSeconds(2);

    private KeycloakStack stack;
    private KeycloakCluster cluster;

    @BeforeAll
    void startCluster(PayerSandbox sandbox) throws Exception {
        Instant begin = Instant.now();
        // Plans are probed every 2 s here, so a test can count probes per interval across the two nodes.
        stack = KeycloakStack.builder().name("cluster").cluster().sandbox(sandbox)
            .workDir(PayerAccessStack.workDir())
            .keycloakOption("--spi-payer-access-plan-health--scheduled--interval-seconds="
                + PROBE_INTERVAL.toSeconds())
            // The shortest delivery timeout, so a message whose node was killed is taken over 25 s later.
            .keycloakOption("--spi-payer-access-lifecycle-sink--webhooks--timeout-seconds=15")
            .start();
        cluster = stack.cluster().orElseThrow();
        System.out.println("Cluster up in " + Duration.between(begin, Instant.now()).toSeconds() + " s: " + stack);
    }

    /** Whatever ran before, no test leaves a payer token in a node's log. */
    @AfterEach
    void noPayerTokenInTheNodeLogs() throws Exception {
        for (Path log : nodeLogs()) {
            PayerTokens.assertNoneLeakedInto(stack, Files.readString(log), log.toString());
        }
    }

    @AfterAll
    void stopCluster() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    @Nested
    @DisplayName("Given both nodes serving behind nginx")
    class BehindNginx {

        @BeforeEach
        void bothNodesServe() throws Exception {
            bothNodesRunning();
        }

        @Test
        void bothNodesServeThroughNginxWithItsUrlAsTheIssuer() throws Exception {
            for (int i = 0; i < 4; i++) {
                ApiResponse discovery = ApiResponse.send(HttpRequest.newBuilder(URI.create(cluster.publicUrl()
                    + "/realms/" + KeycloakStack.DEMO_REALM + "/.well-known/openid-configuration")).build());
                assertEquals(200, discovery.status(), discovery::toString);
                assertEquals(cluster.publicUrl() + "/realms/" + KeycloakStack.DEMO_REALM,
                    discovery.json().get("issuer").asText());
            }
        }

        @Test
        void everyUrlHandedOutThroughNginxIsOnNginxsHostAndPort() throws Exception {
            Member member = linked("urls", TestMembers.GEORGE, LONG_LIFETIME);
            PayerAccessApi front = member.app().through(cluster.publicUrl());
            String fhirBase = cluster.publicUrl() + "/realms/" + member.realm().name + "/payer-access/fhir/plan";

            JsonNode page = front.fhir("plan").get("ExplanationOfBenefit?_count=2").expect(200).json();
            List<String> handedOut = new ArrayList<>();
            page.get("link").forEach(link -> handedOut.add(link.get("url").asText()));
            page.get("entry").forEach(entry -> handedOut.add(entry.get("fullUrl").asText()));
            JsonNode next = ApiResponse.send(HttpRequest.newBuilder(URI.create(link(page, "next")))
                .header("Authorization", "Bearer " + member.appToken()).build()).expect(200).json();
            next.get("entry").forEach(entry -> handedOut.add(entry.get("fullUrl").asText()));
            handedOut.add(front.links().list().expect(200).json().get(0).get("linkUrl").asText());
            handedOut.add(front.payers().expect(200).json().get(0).get("fhirBase").asText());
            JsonNode smart = front.fhir("plan").get(".well-known/smart-configuration").expect(200).json();
            handedOut.add(smart.get("authorization_endpoint").asText());
            handedOut.add(smart.get("token_endpoint").asText());
            ApiResponse metadata = front.fhir("plan").get("metadata").expect(200);
            handedOut.addAll(absoluteUrls(metadata.body(), Pattern.compile("\"(https?://[^\"]+)\"")));
            ApiResponse picker = front.connect("client_id=" + TestRealm.APP_CLIENT + "&redirect_uri="
                + URLEncoder.encode(TestRealm.APP_REDIRECT, StandardCharsets.UTF_8)).expect(200);
            List<String> pickerLinks = absoluteUrls(picker.body(),
                Pattern.compile("(?:href|src|action)=\"(https?://[^\"]+)\""));
            assertFalse(pickerLinks.isEmpty(), picker::toString);
            handedOut.addAll(pickerLinks);

            assertTrue(link(page, "next").startsWith(fhirBase + "/ExplanationOfBenefit?"), link(page, "next"));
            assertTrue(handedOut.stream().filter(url -> url.contains("/protocol/openid-connect/")).count() >= 4,
                "the metadata's and smart-configuration's endpoints, the picker's and links' link URLs: " + handedOut);
            // Spec URLs (hl7.org, smarthealthit.org) are fine; anything naming this host must be nginx.
            List<String> elsewhere = handedOut.stream().filter(KeycloakClusterIT::namesThisHost)
                .filter(url -> !url.startsWith(cluster.publicUrl() + "/")).toList();
            assertEquals(List.of(), elsewhere, "every URL on " + cluster.publicUrl() + ", of " + handedOut);
            for (ApiResponse answer : List.of(metadata, picker)) {
                for (int node : new int[] {A, B}) {
                    assertFalse(answer.body().contains(":" + node(node).options().httpPort()),
                        "a node's own port in " + answer);
                }
            }
            member.realm().delete();
        }

        /**
         * Both nodes take part in each interval's probe round, each claiming shares of the plans in Keycloak's
         * cluster-wide store: over ten intervals each plan's CapabilityStatement is read about ten times, not twenty,
         * and the two nodes' {@code payer_access_plan_probes_total} together count those reads. Each node's gauge
         * shows the status all the same.
         */
        @Test
        void eachIntervalsRoundProbesEachPlanOnceAcrossBothNodesAndBothShowTheStatus() throws Exception {
            long plans = enabledPlans();
            assertTrue(plans > 0, "the demo realm's plans");
            long before = capabilityReads();
            double probedBefore = probesCounted();
            Thread.sleep(PROBE_INTERVAL.multipliedBy(10).toMillis());
            long probes = capabilityReads() - before;
            double probed = probesCounted() - probedBefore;

            assertTrue(probes >= plans * 7 && probes <= plans * 12, probes + " reads of the plans' metadata for "
                + plans + " plans in ten intervals: each plan once per interval, whichever node probes it");
            assertTrue(Math.abs(probed - probes) <= plans, "the nodes counted " + probed + " probes, the plans saw "
                + probes + " (a round under way at either end may differ by its plans)");
            for (int node = A; node <= B; node++) {
                String metrics = ApiResponse.send(HttpRequest.newBuilder(URI.create(node(node).managementUrl()
                    + "/metrics")).build()).body();
                assertTrue(metrics.lines().anyMatch(l -> l.startsWith("payer_access_plan_status{")
                    && l.contains("realm=\"" + KeycloakStack.DEMO_REALM + "\"") && l.endsWith(" 1.0")),
                    "node " + node + " shows the demo plans up");
            }
        }
    }

    @Nested
    @DisplayName("Given a member who linked through node A")
    class LinkedThroughNodeA {

        @BeforeEach
        void bothNodesServe() throws Exception {
            bothNodesRunning();
        }

        @Test
        void readsOnNodeBAndAnUnlinkOnNodeBIsA404OnNodeAAtOnce() throws Exception {
            Member member = linked("crossnode", TestMembers.SHERIE, LONG_LIFETIME);

            assertEquals(200, member.on(A).fhir("plan").get("Coverage").status(), "read on A opens the link there");
            assertEquals(200, member.on(B).fhir("plan").get("Coverage").status(), "read on B");
            ApiResponse unlinked = member.manage().through(node(B).baseUrl()).links().delete("plan");
            ApiResponse onA = member.on(A).fhir("plan").get("Coverage");

            assertEquals(200, unlinked.status(), unlinked::toString);
            assertEquals("revoked", unlinked.json().get("revocation").asText());
            assertEquals(404, onA.status(), "no node-local copy of the link outlives the unlink: " + onA);
            assertEquals(0, onA.planRequests().orElseThrow(), "nothing was sent to the plan");
            assertEquals(404, member.on(B).fhir("plan").get("Coverage").status());
            member.realm().delete();
        }

        @Test
        void fiftyConcurrentReadsOnAnExpiredTokenSplitOverBothNodesRefreshOnceAndKeepTheRotatedRefreshToken()
            throws Exception {
            Member member = linked("flight", TestMembers.MAYTE, SHORT_LIFETIME);
            Thread.sleep(SHORT_LIFETIME.toMillis());

            // As apps that honour Retry-After: each node admits a member's share at a time, the rest come back.
            List<Integer> statuses = AtOnce.statuses(50, i -> RetryAfter.honoured(
                () -> member.on(i % 2 == 0 ? A : B).fhir("plan").get("Coverage")).status());

            assertEquals(List.of(200), statuses.stream().distinct().toList(), statuses.toString());
            assertEquals(1, refreshes(), "refresh grants at the plan for 50 reads on two nodes");
            assertEquals(50, plan().requestCount(Area.FHIR));

            // The plan rotates refresh tokens (each works once): a second renewal, on either node, only works with the
            // refresh token the first one stored.
            plan().accessTokenLifetime(LONG_LIFETIME);
            sandbox().clock().advance(Duration.ofHours(2)); // the plan now calls the stored access token expired
            List<Integer> again = AtOnce.statuses(10, i -> RetryAfter.honoured(
                () -> member.on(i % 2 == 0 ? B : A).fhir("plan").get("Coverage")).status());

            assertEquals(List.of(200), again.stream().distinct().toList(), again.toString());
            assertEquals(2, refreshes(), "one more refresh, with the rotated refresh token");
            member.realm().delete();
        }

        /**
         * The cluster runs Keycloak's identity brokering API v2 (a build option of the stack; the default from Keycloak
         * 27). An organization's confidential client that Keycloak allows to retrieve the plan's stored tokens
         * ({@code external.token.enabled}) asks for them with the member's token after the plan token expired: on
         * either node the plan's token is never handed out, and Keycloak does not refresh it.
         */
        @Test
        void brokeringApiV2NeverHandsOutOrRefreshesThePlansToken() throws Exception {
            Member member = linked("brokerv2", TestMembers.DELMAR, SHORT_LIFETIME);
            TestRealm realm = member.realm();
            realm.admin.post("clients", Map.of("clientId", "token-reader", "publicClient", false,
                "secret", "token-reader-secret", "directAccessGrantsEnabled", true, "attributes",
                Map.of("external.token.enabled", "true", "external.token.idp", "plan"))).expect(201);
            String form = "client_id=token-reader&client_secret=token-reader-secret";
            ApiResponse issued = post(node(A).baseUrl() + "/realms/" + realm.name + "/protocol/openid-connect/token",
                form + "&grant_type=password&scope=openid&username=" + TestRealm.USER + "&password="
                    + TestRealm.PASSWORD);
            assertEquals(200, issued.status(), issued::toString);
            String memberToken = issued.json().get("access_token").asText();
            Thread.sleep(SHORT_LIFETIME.toMillis());

            for (int node : List.of(A, B)) {
                ApiResponse retrieved = post(node(node).baseUrl() + "/realms/" + realm.name + "/broker/plan/token",
                    form + "&token=" + memberToken);

                assertEquals(403, retrieved.status(), "node " + node + ": " + retrieved);
                assertTrue(retrieved.body().contains("never handed out"), retrieved::toString);
                assertFalse(retrieved.body().contains("sbx_"), "no plan token in: " + retrieved.body());
            }
            assertEquals(0, refreshes(), "Keycloak refreshed no plan token for the broker endpoint");
            realm.delete();
        }

        /**
         * The plan's side ends connections as the infrastructure in front of real plans does, silently or just as a
         * request arrives, while both nodes renew the member's token again and again (plan tokens living 2 s) and read
         * with pauses: no read fails on either node.
         */
        @Test
        void noReadFailsOnEitherNodeWhileThePlanEndsConnections() throws Exception {
            Member member = linked("endings", TestMembers.SHERIE, SHORT_LIFETIME);
            plan().accessTokenLifetime(SHORT_LIFETIME);
            for (int node : new int[] {A, B}) {
                assertEquals(200, member.on(node).fhir("plan").get("Coverage").status(), "a first read on node "
                    + node);
            }
            plan().reset();
            plan().accessTokenLifetime(SHORT_LIFETIME).closeIdleConnections(Duration.ofMillis(150), IdleClose.SILENT)
                .closeReusedConnectionsOnArrival(3);

            List<ApiResponse> answers = PausingReaders.answers(4, Duration.ofSeconds(3), Duration.ofMillis(300),
                reader -> member.on(reader % 2 == 0 ? A : B).fhir("plan").get("Coverage"));

            assertEquals(List.of(), PausingReaders.failed(answers));
            assertTrue(refreshes() >= 2, refreshes() + " renewals");
            assertTrue(plan().requestsUnanswered() > 0, "no request met an ended connection");
            member.realm().delete();
        }

        @Test
        void aRealmKeyRotatedOnNodeAStillOpensLinksOnNodeBAndRemovingTheOldKeyEndsAccessOnBoth() throws Exception {
            Member member = linked("rotate", TestMembers.DELMAR, LONG_LIFETIME);
            assertEquals(200, member.on(A).fhir("plan").get("Coverage").status());
            assertEquals(200, member.on(B).fhir("plan").get("Coverage").status());
            KeycloakAdmin.Realm adminOnA = member.realm().admin;
            String oldKey = adminOnA.get("components?type=org.keycloak.keys.KeyProvider&name=rsa-enc-generated")
                .get(0).get("id").asText();

            adminOnA.post("components", Map.of("name", "rsa-enc-rotated", "providerId", "rsa-enc-generated",
                "providerType", "org.keycloak.keys.KeyProvider",
                "config", Map.of("priority", List.of("500"), "algorithm", List.of("RSA-OAEP")))).expect(201);

            assertEquals(200, member.on(B).fhir("plan").get("Coverage").status(), "B opens the link with the old key");
            assertEquals(200, member.on(A).fhir("plan").get("Coverage").status());

            adminOnA.delete("components/" + oldKey).expect(204);

            for (int node : new int[] {B, A}) {
                ApiResponse refused = member.on(node).fhir("plan").get("Coverage");
                assertEquals(409, refused.status(), "node " + node + ": " + refused);
                assertTrue(refused.body().contains("relink-required"), refused::toString);
                assertEquals(0, refused.planRequests().orElseThrow(), "nothing was sent to the plan");
            }
            member.realm().delete();
        }

        @Test
        void theNodeLogsHoldNoPayerTokenAfterARenewalOnNodeBAndAnUnlinkOnNodeA() throws Exception {
            Member member = linked("logs", TestMembers.JASON, SHORT_LIFETIME);
            Thread.sleep(SHORT_LIFETIME.toMillis());
            assertEquals(200, member.on(B).fhir("plan").get("Coverage").status(), "B renews the expired token");
            assertEquals(1, refreshes());
            member.manage().links().delete("plan").expect(200);

            List<Path> nodeLogs = nodeLogs();
            assertTrue(nodeLogs.size() >= 2, nodeLogs.toString());
            for (Path log : nodeLogs) {
                PayerTokens.assertNoneIn(stack, Files.readString(log), log.toString());
            }
            member.realm().delete();
        }
    }

    /** The restart starts whichever node is down, so this test does not need both running first. */
    @Nested
    @DisplayName("Given both nodes restarted")
    class Restarted {

        @Test
        void linksTokensAndTheRelinkStateAreKept() throws Exception {
            Member active = linked("restart", TestMembers.JASON, LONG_LIFETIME);
            TestRealm realm = active.realm();
            realm.addUser("relinker");
            plan().accessTokenLifetime(SHORT_LIFETIME);
            linkAs(realm, "relinker", TestMembers.SHERIE);
            plan().refuseRefreshes(true);
            Thread.sleep(SHORT_LIFETIME.toMillis());
            PayerAccessApi relinker = realm.api().as(realm.token("relinker", "openid patient/*.read"));
            assertEquals(409, relinker.fhir("plan").get("Coverage").status(), "the plan refused the renewal");
            plan().reset();

            cluster.restart();

            // payer-links:read as well: the test reads each link's state through GET links.
            String scope = "openid patient/*.read payer-links:read";
            PayerAccessApi member = realm.api().as(realm.token(TestRealm.USER, scope));
            PayerAccessApi relinkerAfter = realm.api().as(realm.token("relinker", scope));
            for (int node : new int[] {A, B}) {
                ApiResponse read = member.through(node(node).baseUrl()).fhir("plan").get("Coverage");
                assertEquals(200, read.status(), read::toString);
                ApiResponse refused = relinkerAfter.through(node(node).baseUrl()).fhir("plan").get("Coverage");
                assertEquals(409, refused.status(), refused::toString);
                assertEquals(0, refused.planRequests().orElseThrow());
            }
            assertEquals(0, refreshes(), "the stored access token was still good: no renewal");
            assertEquals("active", member.links().list().expect(200).json().get(0).get("tokenState").asText());
            assertEquals("relink-required",
                relinkerAfter.links().list().expect(200).json().get(0).get("tokenState").asText());
            assertEquals(1, realm.links().size());
            assertEquals(1, realm.links("relinker").size());
            realm.delete();
        }
    }

    /** Each test kills node B at one of the kill points in this class's description. */
    @Nested
    @DisplayName("Given node B killed while it renews a member's expired token")
    class NodeBKilledWhileRenewing {

        @BeforeEach
        void bothNodesServe() throws Exception {
            bothNodesRunning();
        }

        @Test
        void itsRefreshHeldAtThePlan_survivorRenewsAgainAndServes200() throws Exception {
            Member member = linked("killheld", TestMembers.MAYTE, SHORT_LIFETIME, UPSTREAM_TIMEOUT_MS);
            Thread.sleep(SHORT_LIFETIME.toMillis());
            plan().failNext(Area.TOKEN, 1, Fault.hang()); // the plan takes B's refresh and never processes it

            Instant killed = renewOnBAndKillItWhen(member, () -> refreshes() == 1);
            List<Answer> answers = untilDecided(member.on(A), killed);

            assertDecided(answers, 200);
            assertEquals(2, refreshes(), "B's refresh (never processed) and A's, with the same refresh token");
            assertLinkKept(member, "active");
            member.realm().delete();
        }

        @Test
        void thePlanRotatedTheRefreshTokenAfterItDied_survivorAnswers409RelinkRequired() throws Exception {
            Member member = linked("killrotated", TestMembers.DELMAR, SHORT_LIFETIME, UPSTREAM_TIMEOUT_MS);
            Thread.sleep(SHORT_LIFETIME.toMillis());
            plan().latency(Area.TOKEN, Duration.ofSeconds(2)); // B's refresh waits, then rotates with nobody listening
            int issued = sandbox().grants().everIssued().size();

            Instant killed = renewOnBAndKillItWhen(member, () -> refreshes() == 1);
            plan().latency(Area.TOKEN, Duration.ZERO);
            await(() -> sandbox().grants().everIssued().size() == issued + 2, "the plan rotated B's refresh token");
            List<Answer> answers = untilDecided(member.on(A), killed);

            assertDecided(answers, 409);
            assertTrue(answers.get(answers.size() - 1).body().contains("relink-required"), answers::toString);
            assertEquals(2, refreshes(), "B's refresh (its answer lost) and A's, refused: that token was used");
            assertLinkKept(member, "relink-required");
            member.realm().delete();
        }

        @Test
        void itStoredTheRenewedTokenAndWasForwardingTheRead_survivorServes200WithoutAnotherRefresh() throws Exception {
            Member member = linked("killstored", TestMembers.GEORGE, SHORT_LIFETIME, UPSTREAM_TIMEOUT_MS);
            Thread.sleep(SHORT_LIFETIME.toMillis());
            plan().latency(Area.FHIR, Duration.ofSeconds(3)); // B renewed, stored, and forwards the read: held here

            Instant killed = renewOnBAndKillItWhen(member, () -> plan().requestCount(Area.FHIR) == 1);
            plan().latency(Area.FHIR, Duration.ZERO);
            List<Answer> answers = untilDecided(member.on(A), killed);

            assertEquals(List.of(200), answers.stream().map(Answer::status).distinct().toList(), answers::toString);
            assertEquals(1, refreshes(), "B's renewal was stored before it died: A uses it");
            assertLinkKept(member, "active");
            member.realm().delete();
        }
    }

    @Nested
    @DisplayName("Given a webhook message being delivered")
    class WebhookDeliveryUnderWay {

        @BeforeEach
        void bothNodesServe() throws Exception {
            bothNodesRunning();
        }

        /**
         * The node sending a message is killed while the receiver holds the request: its attempt is never recorded,
         * its claim on the message runs out (the timeout, 15 s here, and 10 s more), and the other node delivers the
         * message with the same {@code webhook-id}, as its first recorded attempt.
         */
        @Test
        void aMessageWhoseNodeIsKilledMidDeliveryIsDeliveredByTheOtherNode() throws Exception {
            TestRealm realm = TestRealm.create(stack, "hookkill");
            try (HeldWebhookReceiver receiver = HeldWebhookReceiver.start()) {
                String id = realm.admin.post("payer-access/webhooks", Map.of("url", receiver.url(),
                    "types", List.of("link.linked"))).expect(201).json().get("id").asText();
                realm.admin.post("payer-access/webhooks/" + id + "/test", null).expect(202);
                String held = receiver.held(Duration.ofSeconds(30));
                int sender = nodeSendingAWebhook();
                cluster.kill(sender);

                assertEquals(held, receiver.answered(Duration.ofSeconds(120)), "the same message, delivered");
                KeycloakAdmin.Realm survivor = new KeycloakAdmin(node(1 - sender)).realm(realm.name);
                JsonNode log = survivor.get("payer-access/webhooks/" + id + "/deliveries").get(0);
                assertEquals("delivered", log.get("status").asText(), log.toString());
                assertEquals(1, log.get("attempts").asInt(), "the killed node's attempt was never recorded: " + log);
                survivor.delete(""); // the next test starts the killed node again when it needs it
            }
        }
    }

    /** The node whose webhook delivery thread is sending a request now, from the nodes' thread dumps. */
    private int nodeSendingAWebhook() throws Exception {
        for (int node = 0; node < cluster.size(); node++) {
            ProcessHandle server = ProcessHandle.of(node(node).pid()).orElseThrow();
            List<ProcessHandle> javas = Stream.concat(Stream.of(server), server.descendants())
                .filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false)).toList();
            for (ProcessHandle java : javas) {
                Process jstack = new ProcessBuilder("jstack", Long.toString(java.pid())).redirectErrorStream(true)
                    .start();
                String dump = new String(jstack.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                jstack.waitFor();
                for (String thread : dump.split("\n\n")) {
                    if (thread.startsWith("\"payer-access-webhooks\"")
                        && thread.contains("WebhookDeliveries.send")) {
                        return node;
                    }
                }
            }
        }
        throw new AssertionError("no node is sending a webhook");
    }

    private static ApiResponse post(String url, String form) throws Exception {
        return ApiResponse.send(HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    /** {@code payer_access_plan_probes_total} of both nodes together. */
    private double probesCounted() throws Exception {
        double total = 0;
        for (int node = A; node <= B; node++) {
            total += ApiResponse.send(HttpRequest.newBuilder(URI.create(node(node).managementUrl() + "/metrics"))
                .build()).body().lines().filter(l -> l.startsWith("payer_access_plan_probes_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
        }
        return total;
    }

    private long capabilityReads() {
        return sandbox().controls().discoveryRequests().stream().filter(r -> r.path().endsWith("/metadata")).count();
    }

    private long enabledPlans() throws Exception {
        KeycloakAdmin admin = new KeycloakAdmin(node(A));
        long plans = 0;
        for (JsonNode realm : admin.get("/admin/realms")) {
            String instances = "/admin/realms/" + realm.get("realm").asText() + "/identity-provider/instances";
            for (JsonNode idp : admin.get(instances)) {
                if ("payer".equals(idp.path("providerId").asText()) && idp.path("enabled").asBoolean()) {
                    plans++;
                }
            }
        }
        return plans;
    }

    /** The answer of one read on the surviving node, and when it came. */
    private record Answer(Duration afterKill, int status, String body) {
        @Override
        public String toString() {
            return "HTTP " + status + " after " + afterKill.toMillis() + " ms";
        }
    }

    /** A member of a realm of its own whose link to the plan {@code plan} was made through node A. */
    private record Member(TestRealm realm, String appToken, KeycloakCluster cluster) {

        /** The API as the member's app calls it, on node A. */
        PayerAccessApi app() {
            return realm.api().as(appToken);
        }

        PayerAccessApi on(int node) {
            return app().through(cluster.node(node).baseUrl());
        }

        PayerAccessApi manage() throws Exception {
            return realm.api().as(realm.token(TestRealm.USER, "openid payer-links:manage"));
        }
    }

    private Member linked(String prefix, TestMember member, Duration tokenLifetime) throws Exception {
        return linked(prefix, member, tokenLifetime, 30_000);
    }

    /** Links {@code member} through node A with plan tokens living {@code tokenLifetime}; later tokens live an hour. */
    private Member linked(String prefix, TestMember member, Duration tokenLifetime, int upstreamTimeoutMs)
        throws Exception {
        TestRealm realm = TestRealm.create(stack, prefix);
        realm.addSmartScopes();
        realm.addPlan(realm.plan("plan", Track.TEST,
            c -> c.put("upstreamTimeoutMs", Integer.toString(upstreamTimeoutMs))));
        plan().accessTokenLifetime(tokenLifetime);
        MemberLinking walk = new MemberLinking(stack);
        KeycloakBrowser browser = new KeycloakBrowser();
        String appToken = walk.appAccessToken(realm, walk.link(realm, "plan", member, browser), browser);
        plan().reset();
        return new Member(realm, appToken, cluster);
    }

    private void linkAs(TestRealm realm, String username, TestMember member) throws Exception {
        KeycloakBrowser browser = new KeycloakBrowser();
        HttpResponse<String> planPage = new MemberLinking(stack).toPlanPage(realm, "plan", username, browser);
        browser.follow(browser.verifyMember(planPage, MemberLinking.memberForm(member)), TestRealm.APP_REDIRECT);
        assertEquals(1, realm.links(username).size());
    }

    /**
     * Sends one read to node B, which starts renewing the expired token, and {@code kill -9}s B as soon as
     * {@code reached} holds (polled every 20 ms); the read on B dies with it.
     */
    private Instant renewOnBAndKillItWhen(Member member, BooleanSupplier reached) throws Exception {
        PayerAccessApi onB = member.on(B);
        CompletableFuture<ApiResponse> dying = CompletableFuture.supplyAsync(() -> {
            try {
                return onB.fhir("plan").get("Coverage");
            } catch (IOException | InterruptedException lostWithTheNode) {
                return null;
            }
        });
        await(() -> reached.getAsBoolean() || dying.isDone(), "B reaches the kill point");
        if (dying.isDone()) {
            throw new AssertionError("B answered before the kill point: " + dying.get());
        }
        cluster.kill(B);
        Instant killed = Instant.now();
        dying.handle((answer, failure) -> answer).get();
        return killed;
    }

    /**
     * Reads on the survivor until it answers 200 or 409, then three times more; every read waits for its answer
     * (a renewal may wait for the dead node's cluster lock to time out).
     */
    private List<Answer> untilDecided(PayerAccessApi survivor, Instant killed) throws Exception {
        List<Answer> answers = new ArrayList<>();
        Instant giveUp = killed.plus(LOCK_TIMEOUT.multipliedBy(3));
        while (Instant.now().isBefore(giveUp)) {
            ApiResponse read = survivor.fhir("plan").get("Coverage");
            answers.add(new Answer(Duration.between(killed, Instant.now()), read.status(), read.body()));
            if (read.status() == 200 || read.status() == 409) {
                for (int i = 0; i < 3; i++) {
                    ApiResponse after = survivor.fhir("plan").get("Coverage");
                    answers.add(new Answer(Duration.between(killed, Instant.now()), after.status(), after.body()));
                }
                System.out.println("Survivor after the kill: " + answers);
                return answers;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("The survivor never answered 200 or 409: " + answers);
    }

    /**
     * The survivor settles on {@code status} within the lock timeout (plus a read's own time), says the same on every
     * read after it, and at most one read before it was a 5xx (it waited out the dead node's lock): no 5xx loop.
     */
    private static void assertDecided(List<Answer> answers, int status) {
        int decided = answers.size() - 4;
        Answer first = answers.get(decided);
        assertEquals(List.of(status, status, status, status),
            answers.subList(decided, answers.size()).stream().map(Answer::status).toList(), answers::toString);
        assertTrue(first.afterKill().compareTo(LOCK_TIMEOUT.plusSeconds(8)) <= 0,
            "decided " + first.afterKill() + " after the kill; the lock times out after " + LOCK_TIMEOUT + ": "
                + answers);
        assertTrue(decided <= 1, "at most one 5xx while the dead node's lock ran out: " + answers);
        answers.subList(0, decided).forEach(a -> assertTrue(a.status() == 502 || a.status() == 504, answers::toString));
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(20);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Not within 20 s: " + what);
            }
            Thread.sleep(20);
        }
    }

    private void assertLinkKept(Member member, String tokenState) throws Exception {
        assertEquals(1, member.realm().links().size(), "the link survives the node");
        assertEquals(tokenState, member.on(A).links().list().expect(200).json().get(0).get("tokenState").asText());
    }

    /** The log files of both nodes, those of earlier runs of a node (rotated at each start) too. */
    private static List<Path> nodeLogs() throws IOException {
        try (Stream<Path> files = Files.list(PayerAccessStack.workDir().resolve("logs"))) {
            return files.filter(f -> f.getFileName().toString().startsWith("keycloak-cluster-")).sorted().toList();
        }
    }

    private void bothNodesRunning() throws Exception {
        for (int node = 0; node < cluster.size(); node++) {
            if (!cluster.isRunning(node)) {
                cluster.start(node);
            }
        }
    }

    private KeycloakServer node(int index) {
        return cluster.node(index);
    }

    private PayerSandbox sandbox() {
        return stack.sandbox();
    }

    private SandboxControls plan() {
        return stack.sandbox().controls();
    }

    private long refreshes() {
        return plan().requests(Area.TOKEN).stream()
            .filter(r -> r.grantType().map("refresh_token"::equals).orElse(false)).count();
    }

    private static String link(JsonNode bundle, String relation) {
        for (JsonNode link : bundle.get("link")) {
            if (link.get("relation").asText().equals(relation)) {
                return link.get("url").asText();
            }
        }
        throw new AssertionError("no " + relation + " link in " + bundle.get("link"));
    }

    private static boolean namesThisHost(String url) {
        String host = URI.create(url).getHost();
        return host.equals("localhost") || host.startsWith("127.");
    }

    private static List<String> absoluteUrls(String text, Pattern pattern) {
        List<String> urls = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            urls.add(m.group(1).replace("&amp;", "&"));
        }
        return urls;
    }
}
