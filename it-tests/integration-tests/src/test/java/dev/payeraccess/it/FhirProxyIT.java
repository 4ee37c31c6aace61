package dev.payeraccess.it;

import static dev.payeraccess.it.Refusals.assertAnsweredWithOperationOutcome;
import static dev.payeraccess.it.Refusals.assertRefusedWithoutCallingPlan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.payeraccess.launch.KeycloakStack;
import dev.payeraccess.sandbox.SandboxClient;
import dev.payeraccess.sandbox.TestMembers;
import dev.payeraccess.sandbox.Track;
import dev.payeraccess.sandbox.control.Area;
import dev.payeraccess.sandbox.control.Fault;
import dev.payeraccess.sandbox.control.ReceivedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.ExplanationOfBenefit;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The proxy as an app meets it: an unmodified HAPI FHIR generic client with the proxy as its base and a
 * Keycloak access token as its bearer, reading a member (Sherie, linked to the {@code test} track) and
 * getting exactly what the plan holds; and every rule of the proxy broken once, seen refused with an
 * OperationOutcome and, where the rule says so, without a single request reaching the plan.
 */
@ExtendWith(PayerAccessStack.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FhirProxyIT {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    private KeycloakStack stack;
    private TestRealm realm;
    private String appToken;
    /** The API as the app that Sherie signed in to, with its default {@code patient/*.read}. */
    private PayerAccessApi app;

    @BeforeAll
    void linkSherie(KeycloakStack stack) throws Exception {
        this.stack = stack;
        realm = TestRealm.create(stack, "proxy");
        realm.addSmartScopes();
        realm.addPlan(realm.plan("test", Track.TEST, c -> c.put("upstreamTimeoutMs", "2000")));
        realm.addPlan(realm.plan("narrow", Track.TEST, c -> {
            c.put("defaultScope", "patient/ExplanationOfBenefit.read patient/Patient.read openid");
            c.put("allowedResourceTypes", "Patient,ExplanationOfBenefit,Coverage");
        }));
        realm.addPlan(realm.plan("unlinked", Track.TEST));
        realm.admin.put("events/config", Map.of("eventsEnabled", true, "enabledEventTypes", List.of(
            "IDENTITY_PROVIDER_RETRIEVE_TOKEN", "IDENTITY_PROVIDER_RETRIEVE_TOKEN_ERROR", "FEDERATED_IDENTITY_LINK",
            "LOGIN"))).expect(204);
        MemberLinking walk = new MemberLinking(stack);
        KeycloakBrowser browser = new KeycloakBrowser();
        appToken = walk.appAccessToken(realm, walk.link(realm, "test", TestMembers.SHERIE, browser), browser);
        app = realm.api().as(appToken);
        walk.link(realm, "narrow", TestMembers.SHERIE, new KeycloakBrowser());
    }

    @AfterAll
    void noPayerTokenInTheEventsThenDropRealm() throws Exception {
        String events = realm.admin.get("events?max=5000").toString();
        PayerTokens.assertNoneIn(stack, events, "the realm's events");
        realm.delete();
    }

    @Nested
    @DisplayName("Given Sherie's plan linked and the app's token with patient/*.read")
    class Reading {

        @Test
        void theAppsDefaultTokenCarriesTheSmartScope() throws Exception {
            String scope = claims(appToken).get("scope").asText();
            assertTrue(scope.contains("patient/*.read"), scope);
        }

        @Test
        void hapiClientPagesThroughAllClaimsAndGetsExactlyWhatThePlanHolds() throws Exception {
            List<String> viaProxy = allIds(app.fhir("test").hapiClient(), ExplanationOfBenefit.class);
            String direct = new SandboxClient(stack.sandbox().urls()).tokensFor(Track.TEST, TestMembers.SHERIE)
                .get("access_token").asText();
            IGenericClient plan = FHIR.newRestfulGenericClient(stack.sandbox().urls().fhirBase());
            plan.registerInterceptor(new BearerTokenAuthInterceptor(direct));
            List<String> atPlan = allIds(plan, ExplanationOfBenefit.class);

            assertTrue(atPlan.size() > 5, "the member has several pages of claims: " + atPlan.size());
            assertEquals(atPlan, viaProxy);
        }

        @Test
        void everyUrlInTheAnswerPointsAtTheProxyNotThePlan() throws Exception {
            ApiResponse page = app.fhir("test").get("ExplanationOfBenefit?_count=3");

            assertEquals(200, page.status(), page::toString);
            assertFalse(page.body().contains(stack.sandbox().urls().base()), "a plan URL leaked: " + page.body());
            String proxyBase = app.fhir("test").base();
            JsonNode bundle = page.json();
            for (JsonNode link : bundle.get("link")) {
                assertTrue(link.get("url").asText().startsWith(proxyBase), link.toString());
            }
            assertTrue(bundle.get("entry").get(0).get("fullUrl").asText()
                .startsWith(proxyBase + "/ExplanationOfBenefit/"));
            assertEquals("application/fhir+json", page.header("Content-Type").orElse("").split(";")[0]);
        }

        @Test
        void readsCoverageAndPatientWithIncludeAndRevinclude() {
            IGenericClient client = app.fhir("test").hapiClient();
            Bundle coverages = client.search().forResource(Coverage.class).include(Coverage.INCLUDE_BENEFICIARY)
                .returnBundle(Bundle.class).execute();
            Bundle patients = client.search().forResource(Patient.class).revInclude(Coverage.INCLUDE_BENEFICIARY)
                .returnBundle(Bundle.class).execute();

            assertTrue(types(coverages).contains("Coverage") && types(coverages).contains("Patient"),
                types(coverages).toString());
            assertTrue(types(patients).contains("Patient") && types(patients).contains("Coverage"),
                types(patients).toString());
            Patient sherie = client.read().resource(Patient.class).withId(TestMembers.SHERIE.patientId()).execute();
            assertEquals("Fahey393", sherie.getNameFirstRep().getFamily());
        }

        @Test
        void vreadAndPostSearchAreForwardedAsReads() throws Exception {
            ApiResponse vread = app.fhir("test").get("Patient/" + TestMembers.SHERIE.patientId() + "/_history/1");
            ApiResponse postSearch = app.fhir("test").search("Coverage", "_count=1");

            assertEquals(200, vread.status(), vread::toString);
            assertTrue(vread.body().contains("\"versionId\":\"1\""), vread.body());
            assertEquals(200, postSearch.status(), postSearch::toString);
            assertTrue(postSearch.body().contains("\"resourceType\":\"Bundle\""));
            assertEquals("GET", last(Area.FHIR).method(), "POST _search reaches the plan as a GET search");
            assertTrue(last(Area.FHIR).query().contains("_count=1"), last(Area.FHIR).query());
        }

        @Test
        void thePlanSeesItsOwnTokenAndNoneOfTheAppsHeaders() throws Exception {
            ApiResponse read = app.withHeader("Cookie", "KEYCLOAK_SESSION=secret")
                .withHeader("X-Forwarded-For", "10.0.0.1").withHeader("Prefer", "handling=strict")
                .fhir("test").get("Coverage");
            assertEquals(200, read.status(), read::toString);

            ReceivedRequest atPlan = last(Area.FHIR);
            assertTrue(atPlan.header("Authorization").orElse("").startsWith("Bearer sbx_at_"),
                "the payer token, not the app's");
            assertEquals(Optional.empty(), atPlan.header("Cookie"));
            assertEquals(Optional.empty(), atPlan.header("X-Forwarded-For"));
            assertEquals("handling=strict", atPlan.header("Prefer").orElse(""));
        }

        @Test
        void headAnswersLikeGetWithoutABodyAndEtagsRevalidate() throws Exception {
            String patient = "Patient/" + TestMembers.SHERIE.patientId();
            ApiResponse head = app.fhir("test").head(patient);
            ApiResponse read = app.fhir("test").get(patient);
            String etag = read.header("ETag").orElseThrow(() -> new AssertionError("no ETag passed on"));
            ApiResponse revalidated = app.withHeader("If-None-Match", etag).fhir("test").get(patient);

            assertEquals(200, head.status());
            assertEquals("", head.body());
            assertEquals(304, revalidated.status(), revalidated::toString);
        }

        @Test
        void metadataDescribesAReadOnlyServerSecuredByThisRealm() {
            CapabilityStatement statement = app.fhir("test").hapiClient().capabilities()
                .ofType(CapabilityStatement.class).execute();

            assertEquals("4.0.1", statement.getFhirVersion().toCode());
            List<String> types = statement.getRestFirstRep().getResource().stream().map(r -> r.getType()).toList();
            assertTrue(types.contains("ExplanationOfBenefit") && !types.contains("Observation"), types.toString());
            statement.getRestFirstRep().getResource().forEach(r -> r.getInteraction()
                .forEach(i -> assertTrue(List.of("read", "vread", "search-type").contains(i.getCode().toCode()))));
            String authorize = statement.getRestFirstRep().getSecurity()
                .getExtensionByUrl("http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris")
                .getExtensionString("authorize");
            assertEquals(stack.keycloak().baseUrl() + "/realms/" + realm.name + "/protocol/openid-connect/auth",
                authorize);
        }

        @Test
        void smartConfigurationPointsAtThisRealmWithoutAToken() throws Exception {
            ApiResponse response = realm.api().fhir("test").get(".well-known/smart-configuration");

            assertEquals(200, response.status(), response::toString);
            JsonNode config = response.json();
            assertEquals(stack.keycloak().baseUrl() + "/realms/" + realm.name + "/protocol/openid-connect/token",
                config.get("token_endpoint").asText());
            assertTrue(config.get("scopes_supported").toString().contains("patient/ExplanationOfBenefit.read"));
        }
    }

    @Nested
    @DisplayName("Given Patient/[id]/$everything")
    class Everything {

        private final String sherie = TestMembers.SHERIE.patientId();

        @Test
        void emulatedAtAPlanWithoutItOneBundlePagesThroughEveryReadableType() throws Exception {
            PayerAccessApi.Fhir fhir = app.fhir("test");
            List<String> claims = new ArrayList<>();
            Set<String> types = new TreeSet<>();
            int pages = 0;
            long everythingCalls = everythingCalls();
            for (String next = "Patient/" + sherie + "/$everything?_count=7"; next != null; pages++) {
                ApiResponse page = fhir.get(next);
                assertEquals(200, page.status(), page::toString);
                assertFalse(page.body().contains(stack.sandbox().urls().base()), "a plan URL leaked");
                JsonNode bundle = page.json();
                assertEquals("searchset", bundle.get("type").asText());
                for (JsonNode entry : bundle.path("entry")) {
                    String type = entry.get("resource").get("resourceType").asText();
                    types.add(type);
                    if (type.equals("ExplanationOfBenefit")) {
                        claims.add(entry.get("resource").get("id").asText());
                    }
                }
                next = link(bundle, "next").map(url -> {
                    assertTrue(url.length() < 1024, "a short next link: " + url);
                    return relative(fhir, url);
                }).orElse(null);
            }

            assertTrue(types.containsAll(List.of("Patient", "Coverage", "ExplanationOfBenefit", "Organization")),
                types.toString());
            assertEquals(allIds(fhir.hapiClient(), ExplanationOfBenefit.class), claims,
                "every claim once, in the plan's order");
            assertTrue(pages > 3, "paged: " + pages);
            assertEquals(everythingCalls, everythingCalls(), "the plan was only searched");
        }

        @Test
        void forwardedWhereThePlanDeclaresItWithTypeNarrowedToWhatThePlanGranted() throws Exception {
            stack.sandbox().controls().everythingOperation(true);
            try {
                // What the health probe does every few minutes: read (and cache) the plan's CapabilityStatement.
                realm.admin.post("payer-access/plans/narrow/health", null).expect(200);
                PayerAccessApi.Fhir fhir = app.fhir("narrow");
                ApiResponse first = fhir.get("Patient/" + sherie + "/$everything?_count=5");

                assertEquals(200, first.status(), first::toString);
                ReceivedRequest atPlan = last(Area.FHIR);
                assertTrue(atPlan.path().endsWith("/Patient/" + sherie + "/$everything"), atPlan.path());
                assertTrue(atPlan.query().contains("_type=Patient%2CExplanationOfBenefit"), atPlan.query());
                Set<String> types = new TreeSet<>();
                JsonNode page = first.json();
                for (int pages = 0; page != null && pages < 4; pages++) {
                    page.path("entry").forEach(e -> types.add(e.get("resource").get("resourceType").asText()));
                    Optional<String> next = link(page, "next");
                    page = next.isEmpty() ? null : fhir.get(relative(fhir, next.get())).expect(200).json();
                }
                assertEquals(Set.of("ExplanationOfBenefit", "Patient"), types, "Coverage was not granted by the plan");
            } finally {
                stack.sandbox().controls().everythingOperation(false);
            }
        }

        @Test
        void theProxysMetadataDeclaresItOnPatient() {
            CapabilityStatement statement = app.fhir("test").hapiClient().capabilities()
                .ofType(CapabilityStatement.class).execute();

            assertTrue(statement.getRestFirstRep().getResource().stream().filter(r -> r.getType().equals("Patient"))
                .flatMap(r -> r.getOperation().stream()).anyMatch(o -> o.getName().equals("everything")
                    && o.getDefinition().endsWith("/OperationDefinition/Patient-everything")));
        }

        /** A link of the proxy's as {@code Fhir.get} takes it: {@code Patient/...} or {@code ?_getpages=...}. */
        private String relative(PayerAccessApi.Fhir fhir, String url) {
            String rest = url.substring(fhir.base().length());
            return rest.startsWith("/") ? rest.substring(1) : rest;
        }

        private long everythingCalls() {
            return stack.sandbox().controls().requests(Area.FHIR).stream()
                .filter(r -> r.path().contains("$everything")).count();
        }

        private Optional<String> link(JsonNode bundle, String relation) {
            for (JsonNode link : bundle.path("link")) {
                if (link.get("relation").asText().equals(relation)) {
                    return Optional.of(link.get("url").asText());
                }
            }
            return Optional.empty();
        }
    }

    @Nested
    @DisplayName("Given a caller without a valid token of this realm")
    class Callers {

        @Test
        void refusesMissingGarbledForeignAndExpiredTokensWith401AndABearerChallenge() throws Exception {
            String otherRealmToken = otherRealmToken();
            realm.admin.post("clients", Map.of("clientId", "short-lived", "publicClient", true,
                "directAccessGrantsEnabled", true, "attributes", Map.of("access.token.lifespan", "1"))).expect(201);
            String expiring = realm.token("short-lived", TestRealm.USER, "openid");
            Thread.sleep(2100);

            ApiResponse anonymous = assertRefusedWithoutCallingPlan(realm.api().fhir("test").get("Patient"), 401);
            assertRefusedWithoutCallingPlan(realm.api().as("not-a-token").fhir("test").get("Patient"), 401);
            assertRefusedWithoutCallingPlan(realm.api().as(otherRealmToken).fhir("test").get("Patient"), 401);
            assertRefusedWithoutCallingPlan(realm.api().as(expiring).fhir("test").get("Patient"), 401);
            assertTrue(anonymous.header("WWW-Authenticate").orElse("").startsWith("Bearer"), anonymous::toString);
        }

        @Test
        void aTokenWhoseSessionEndedIsRefusedWith401() throws Exception {
            realm.addUser("leaver");
            String token = realm.token("leaver", "openid patient/*.read");
            // Accepted first (404: the leaver never linked the plan), so its signature is one this node remembers.
            assertEquals(404, realm.api().as(token).fhir("test").get("Patient").status());
            realm.admin.post("users/" + realm.userId("leaver") + "/logout", null).expect(204);

            assertRefusedWithoutCallingPlan(realm.api().as(token).fhir("test").get("Patient"), 401);
        }

        /** A signature verified once is remembered by the node; nothing else of the token's checks is. */
        @Test
        void aTokenAcceptedBeforeIsRefusedWhenAlteredOrWhenItsSigningKeyIsDisabled() throws Exception {
            realm.admin.post("components", Map.of("name", "rsa-signing-rotated", "providerId", "rsa-generated",
                "providerType", "org.keycloak.keys.KeyProvider", "config", Map.of("priority", List.of("500"))))
                .expect(201);
            JsonNode key = realm.admin.get("components?type=org.keycloak.keys.KeyProvider&name=rsa-signing-rotated")
                .get(0);
            try {
                realm.addUser("remembered");
                String token = realm.token("remembered", "openid patient/*.read");
                for (int i = 0; i < 2; i++) { // accepted (404: not linked), then accepted from the node's memory
                    assertEquals(404, realm.api().as(token).fhir("test").get("Patient").status());
                }
                String[] parts = token.split("\\.");
                byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
                signature[signature.length / 2] ^= 1;
                String otherSignature = parts[0] + "." + parts[1] + "."
                    + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
                String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
                String widened = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                    payload.replace("patient/*.read", "user/*.read").getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
                assertFalse(widened.equals(token), "the scope was in the token to be changed");
                assertRefusedWithoutCallingPlan(realm.api().as(otherSignature).fhir("test").get("Patient"), 401);
                assertRefusedWithoutCallingPlan(realm.api().as(widened).fhir("test").get("Patient"), 401);
                assertEquals(404, realm.api().as(token).fhir("test").get("Patient").status(), "the token itself");

                ((ObjectNode) key.get("config")).putArray("enabled").add("false");
                realm.admin.put("components/" + key.get("id").asText(), key).expect(204);
                assertRefusedWithoutCallingPlan(realm.api().as(token).fhir("test").get("Patient"), 401);
            } finally {
                realm.admin.delete("components/" + key.get("id").asText()).expect(204);
            }
        }
    }

    @Nested
    @DisplayName("Given a type the caller's scopes, the plan's grant or the administrator does not allow")
    class Scopes {

        @Test
        void aTypeOutsideTheCallersScopesIsRefusedWith403WithoutCallingThePlan() throws Exception {
            PayerAccessApi coverageOnly = realm.api().as(realm.token(TestRealm.USER, "openid patient/Coverage.read"));
            PayerAccessApi writeOnly = realm.api().as(realm.token(TestRealm.USER, "openid patient/Coverage.write"));
            PayerAccessApi v2 = realm.api().as(realm.token(TestRealm.USER, "openid patient/ExplanationOfBenefit.rs"));

            assertEquals(200, coverageOnly.fhir("test").get("Coverage").status());
            ApiResponse refused = assertRefusedWithoutCallingPlan(
                coverageOnly.fhir("test").get("ExplanationOfBenefit"), 403);
            assertTrue(refused.body().contains("patient/ExplanationOfBenefit.read"), refused::toString);
            assertRefusedWithoutCallingPlan(writeOnly.fhir("test").get("Coverage"), 403);
            assertEquals(200, v2.fhir("test").get("ExplanationOfBenefit?_count=1").status(), "SMART v2 .rs reads");
            assertRefusedWithoutCallingPlan(
                v2.fhir("test").get("ExplanationOfBenefit?_revinclude=Provenance:target"), 403);
        }

        @Test
        void typesThePlanDidNotGrantOrTheAdminDisallowedAreRefusedWith403() throws Exception {
            ApiResponse notGranted = assertRefusedWithoutCallingPlan(app.fhir("narrow").get("Coverage"), 403);
            ApiResponse disallowed = assertRefusedWithoutCallingPlan(app.fhir("narrow").get("Organization"), 403);

            assertTrue(notGranted.body().contains("did not grant"), notGranted::toString);
            assertTrue(disallowed.body().contains("administrator"), disallowed::toString);
            assertEquals(200, app.fhir("narrow").get("ExplanationOfBenefit?_count=2").status());
        }

        @Test
        void includedResourcesTheCallerMayNotReadAreRemoved() throws Exception {
            ApiResponse response = app.fhir("narrow")
                .get("ExplanationOfBenefit?_count=3&_include=ExplanationOfBenefit:coverage");

            assertEquals(200, response.status(), response::toString);
            assertFalse(response.body().contains("\"resourceType\":\"Coverage\""),
                "Coverage was not granted by the plan");
            assertTrue(response.body().contains("\"resourceType\":\"ExplanationOfBenefit\""));
        }
    }

    @Nested
    @DisplayName("Given a request that is not a read of a linked plan")
    class NotForwarded {

        @Test
        void writesAreRefusedWith405NamingTheAllowedMethods() throws Exception {
            for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
                ApiResponse response = assertRefusedWithoutCallingPlan(app.fhir("test").send(method, "Patient/"
                    + TestMembers.SHERIE.patientId(), "application/fhir+json", "{\"resourceType\":\"Patient\"}"), 405);
                assertTrue(response.header("Allow").orElse("").contains("GET"), method);
            }
        }

        @Test
        void pathTricksAndForeignUrlsAreRefusedWith400() throws Exception {
            for (String path : List.of("Patient%2F..%2F..%2Fadmin", "Patient/..%2F..%2Foauth2%2Ftoken", "Patient%5Cx",
                "http:%2F%2Fevil.example%2FPatient", "NotAType", "Patient/bad$id", "Patient/1/$validate",
                "ExplanationOfBenefit?patient=http://evil.example/Patient/1",
                "ExplanationOfBenefit?_format=xml", "?_getpages=x&url=http://evil.example/r4")) {
                assertRefusedWithoutCallingPlan(app.fhir("test").get(path), 400);
            }
        }

        @Test
        void unknownOrUnlinkedPlansAreRefusedWith404AndTheLinkToFollow() throws Exception {
            ApiResponse unlinked = assertRefusedWithoutCallingPlan(app.fhir("unlinked").get("Patient"), 404);
            assertRefusedWithoutCallingPlan(app.fhir("nosuchplan").get("Patient"), 404);
            assertTrue(unlinked.body().contains("kc_action=idp_link"), unlinked::toString);
        }
    }

    @Nested
    @DisplayName("Given a plan that fails")
    class PlanFaults {

        @Test
        void aPlanThatDoesNotAnswerInTimeIs504() throws Exception {
            stack.sandbox().controls().failNext(Area.FHIR, 1, Fault.hang());

            assertAnsweredWithOperationOutcome(app.fhir("test").get("Coverage"), 504);
        }

        @Test
        void aPlanAnsweringGarbageOrFailingIs502WithoutItsBody() throws Exception {
            stack.sandbox().controls().failNext(Area.FHIR, 1, Fault.garbage());
            ApiResponse garbage = app.fhir("test").get("Coverage");
            stack.sandbox().controls().failNext(Area.FHIR, 1, Fault.status(500));
            ApiResponse failing = app.fhir("test").get("Coverage");

            assertAnsweredWithOperationOutcome(garbage, 502);
            assertFalse(garbage.body().contains("upstream hiccup"));
            assertEquals(502, failing.status(), failing::toString);
            assertFalse(failing.body().contains("Injected failure"));
        }

        @Test
        void thePlansOwn4xxOperationOutcomePassesThrough() throws Exception {
            assertAnsweredWithOperationOutcome(app.fhir("test").get("ExplanationOfBenefit/does-not-exist"), 404);
        }

        @Test
        void aPlan401IsAnsweredByOneRenewalAndOneRetry() throws Exception {
            stack.sandbox().controls().failNext(Area.FHIR, 1, Fault.status(401));
            ApiResponse response = app.fhir("test").get("Coverage");

            assertEquals(200, response.status(), response::toString);
            assertEquals(2, stack.sandbox().controls().requestCount(Area.FHIR));
            assertEquals(1, stack.sandbox().controls().requestCount(Area.TOKEN));
        }
    }

    @Nested
    @DisplayName("Given proxied requests, served or refused")
    class Audit {

        @Test
        void everyProxiedRequestIsAnEventWithPlanTypeStatusAndDuration() throws Exception {
            app.fhir("test").get("Coverage");
            app.fhir("narrow").get("Organization");

            String query = "events?max=500&type=IDENTITY_PROVIDER_RETRIEVE_TOKEN"
                + "&type=IDENTITY_PROVIDER_RETRIEVE_TOKEN_ERROR";
            // An answer is audited when it has been streamed: a moment after the app read it.
            JsonNode served = Eventually.within(Duration.ofSeconds(10),
                () -> find(realm.admin.get(query), "test", "Coverage", "200"));
            JsonNode refused = find(realm.admin.get(query), "narrow", "Organization", "403");
            assertEquals(realm.userId(), served.get("userId").asText());
            assertEquals(TestRealm.APP_CLIENT, served.get("clientId").asText());
            assertEquals("search-type", served.get("details").get("fhir_interaction").asText());
            assertTrue(served.get("details").get("duration_ms").asLong() >= 0);
            assertEquals("IDENTITY_PROVIDER_RETRIEVE_TOKEN_ERROR", refused.get("type").asText());
            assertEquals("scope_refused", refused.get("error").asText());
        }

        @Test
        void requestsAreCountedByPlanAndStatusOnTheMetricsEndpoint() throws Exception {
            app.fhir("test").get("Coverage");

            String line = Eventually.within(Duration.ofSeconds(10), () -> {
                ApiResponse metrics = realm.admin.server().metrics();
                assertEquals(200, metrics.status());
                return metrics.body().lines().filter(l -> l.startsWith("payer_access_proxy_requests_seconds_count{")
                    && l.contains("plan=\"test\"") && l.contains("realm=\"" + realm.name + "\"")
                    && l.contains("status=\"200\""))
                    .findFirst().orElseThrow(() -> new AssertionError("no proxy timer for plan test in /metrics"));
            });
            assertTrue(Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)) >= 1, line);
        }
    }

    private static JsonNode find(JsonNode events, String plan, String type, String status) {
        for (JsonNode event : events) {
            JsonNode details = event.path("details");
            if (plan.equals(details.path("identity_provider").asText())
                && type.equals(details.path("resource_type").asText())
                && status.equals(details.path("status").asText())) {
                return event;
            }
        }
        throw new AssertionError("no event for " + plan + " " + type + " " + status + " in " + events);
    }

    private static <T extends Resource> List<String> allIds(IGenericClient client, Class<T> type) {
        List<String> ids = new ArrayList<>();
        Bundle page = client.search().forResource(type).count(5).returnBundle(Bundle.class).execute();
        while (page != null) {
            page.getEntry().forEach(e -> ids.add(e.getResource().getIdElement().getIdPart()));
            page = page.getLink(Bundle.LINK_NEXT) == null ? null : client.loadPage().next(page).execute();
        }
        return ids;
    }

    private static List<String> types(Bundle bundle) {
        return bundle.getEntry().stream().map(e -> e.getResource().fhirType()).distinct().toList();
    }

    private ReceivedRequest last(Area area) {
        List<ReceivedRequest> requests = stack.sandbox().controls().requests(area);
        return requests.get(requests.size() - 1);
    }

    private String otherRealmToken() throws Exception {
        TestRealm other = TestRealm.create(stack, "other");
        other.addSmartScopes();
        String token = other.token(TestRealm.USER, "openid patient/*.read");
        other.delete();
        return token;
    }

    private static JsonNode claims(String jwt) throws Exception {
        return ApiResponse.JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }
}
