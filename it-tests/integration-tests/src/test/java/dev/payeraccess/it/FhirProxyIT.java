package dev.payeraccess.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.payeraccess.launch.KeycloakStack;
import dev.payeraccess.sandbox.SandboxClient;
import dev.payeraccess.sandbox.TestMembers;
import dev.payeraccess.sandbox.Track;
import dev.payeraccess.sandbox.control.Area;
import dev.payeraccess.sandbox.control.Fault;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.ExplanationOfBenefit;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private KeycloakStack stack;
    private TestRealm realm;
    private String appToken;

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
        realm.admin.require(realm.admin.send("PUT", "/admin/realms/" + realm.name + "/events/config", Map.of(
            "eventsEnabled", true, "enabledEventTypes", List.of("IDENTITY_PROVIDER_RETRIEVE_TOKEN",
                "IDENTITY_PROVIDER_RETRIEVE_TOKEN_ERROR", "FEDERATED_IDENTITY_LINK", "LOGIN"))), 204);
        MemberLinking walk = new MemberLinking(stack);
        KeycloakBrowser browser = new KeycloakBrowser();
        appToken = walk.appAccessToken(realm, walk.link(realm, "test", TestMembers.SHERIE, browser), browser);
        walk.link(realm, "narrow", TestMembers.SHERIE, new KeycloakBrowser());
    }

    @AfterAll
    void noPayerTokenInTheEventsThenDropRealm() throws Exception {
        String events = realm.admin.get("/admin/realms/" + realm.name + "/events?max=5000").toString();
        PayerTokens.assertNoneIn(stack, events, "the realm's events");
        realm.delete();
    }

    @Test
    void theAppsDefaultTokenCarriesTheSmartScope() throws Exception {
        String scope = claims(appToken).get("scope").asText();
        assertTrue(scope.contains("patient/*.read"), scope);
    }

    @Test
    void hapiClientPagesThroughAllClaimsAndGetsExactlyWhatThePlanHolds() throws Exception {
        List<String> viaProxy = allIds(client("test", appToken), ExplanationOfBenefit.class);
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
        HttpResponse<String> page = get("test", "ExplanationOfBenefit?_count=3", appToken);

        assertEquals(200, page.statusCode(), page.body());
        assertFalse(page.body().contains(stack.sandbox().urls().base()), "a plan URL leaked: " + page.body());
        JsonNode bundle = KeycloakAdmin.JSON.readTree(page.body());
        for (JsonNode link : bundle.get("link")) {
            assertTrue(link.get("url").asText().startsWith(proxyBase("test")), link.toString());
        }
        assertTrue(bundle.get("entry").get(0).get("fullUrl").asText().startsWith(proxyBase("test") + "/ExplanationOfBenefit/"));
        assertEquals("application/fhir+json", page.headers().firstValue("Content-Type").orElse("").split(";")[0]);
    }

    @Test
    void readsCoverageAndPatientWithIncludeAndRevinclude() {
        IGenericClient client = client("test", appToken);
        Bundle coverages = client.search().forResource(Coverage.class).include(Coverage.INCLUDE_BENEFICIARY)
            .returnBundle(Bundle.class).execute();
        Bundle patients = client.search().forResource(Patient.class).revInclude(Coverage.INCLUDE_BENEFICIARY)
            .returnBundle(Bundle.class).execute();

        assertTrue(types(coverages).contains("Coverage") && types(coverages).contains("Patient"), types(coverages).toString());
        assertTrue(types(patients).contains("Patient") && types(patients).contains("Coverage"), types(patients).toString());
        Patient sherie = client.read().resource(Patient.class).withId(TestMembers.SHERIE.patientId()).execute();
        assertEquals("Fahey393", sherie.getNameFirstRep().getFamily());
    }

    @Test
    void vreadAndPostSearchAreForwardedAsReads() throws Exception {
        String id = TestMembers.SHERIE.patientId();
        HttpResponse<String> vread = get("test", "Patient/" + id + "/_history/1", appToken);
        HttpResponse<String> postSearch = send("POST", proxyBase("test") + "/Coverage/_search", appToken,
            "application/x-www-form-urlencoded", "_count=1");

        assertEquals(200, vread.statusCode(), vread.body());
        assertTrue(vread.body().contains("\"versionId\":\"1\""), vread.body());
        assertEquals(200, postSearch.statusCode(), postSearch.body());
        assertTrue(postSearch.body().contains("\"resourceType\":\"Bundle\""));
        assertEquals("GET", last(Area.FHIR).method(), "POST _search reaches the plan as a GET search");
        assertTrue(last(Area.FHIR).query().contains("_count=1"), last(Area.FHIR).query());
    }

    @Test
    void thePlanSeesItsOwnTokenAndNoneOfTheAppsHeaders() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(proxyBase("test") + "/Coverage"))
            .header("Authorization", "Bearer " + appToken).header("Cookie", "KEYCLOAK_SESSION=secret")
            .header("X-Forwarded-For", "10.0.0.1").header("Prefer", "handling=strict").build();
        assertEquals(200, HTTP.send(request, HttpResponse.BodyHandlers.ofString()).statusCode());

        dev.payeraccess.sandbox.control.ReceivedRequest atPlan = last(Area.FHIR);
        assertTrue(atPlan.header("Authorization").orElse("").startsWith("Bearer sbx_at_"), "the payer token, not the app's");
        assertEquals(java.util.Optional.empty(), atPlan.header("Cookie"));
        assertEquals(java.util.Optional.empty(), atPlan.header("X-Forwarded-For"));
        assertEquals("handling=strict", atPlan.header("Prefer").orElse(""));
    }

    @Test
    void headAnswersLikeGetWithoutABodyAndEtagsRevalidate() throws Exception {
        String url = proxyBase("test") + "/Patient/" + TestMembers.SHERIE.patientId();
        HttpResponse<String> head = send("HEAD", url, appToken, null, null);
        HttpResponse<String> read = get("test", "Patient/" + TestMembers.SHERIE.patientId(), appToken);
        String etag = read.headers().firstValue("ETag").orElseThrow(() -> new AssertionError("no ETag passed on"));
        HttpResponse<String> revalidated = HTTP.send(HttpRequest.newBuilder(URI.create(url))
            .header("Authorization", "Bearer " + appToken).header("If-None-Match", etag).build(),
            HttpResponse.BodyHandlers.ofString());

        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
        assertEquals(304, revalidated.statusCode(), revalidated.body());
    }

    @Test
    void metadataDescribesAReadOnlyServerSecuredByThisRealm() {
        CapabilityStatement statement = client("test", appToken).capabilities().ofType(CapabilityStatement.class).execute();

        assertEquals("4.0.1", statement.getFhirVersion().toCode());
        List<String> types = statement.getRestFirstRep().getResource().stream().map(r -> r.getType()).toList();
        assertTrue(types.contains("ExplanationOfBenefit") && !types.contains("Observation"), types.toString());
        statement.getRestFirstRep().getResource().forEach(r -> r.getInteraction()
            .forEach(i -> assertTrue(List.of("read", "vread", "search-type").contains(i.getCode().toCode()))));
        String authorize = statement.getRestFirstRep().getSecurity()
            .getExtensionByUrl("http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris")
            .getExtensionString("authorize");
        assertEquals(stack.keycloak().baseUrl() + "/realms/" + realm.name + "/protocol/openid-connect/auth", authorize);
    }

    @Test
    void smartConfigurationPointsAtThisRealm() throws Exception {
        HttpResponse<String> response = send("GET", proxyBase("test") + "/.well-known/smart-configuration", null, null, null);

        assertEquals(200, response.statusCode());
        JsonNode config = KeycloakAdmin.JSON.readTree(response.body());
        assertEquals(stack.keycloak().baseUrl() + "/realms/" + realm.name + "/protocol/openid-connect/token",
            config.get("token_endpoint").asText());
        assertTrue(config.get("scopes_supported").toString().contains("patient/ExplanationOfBenefit.read"));
    }

    @Test
    void refusesCallersWithout401AndNoPlanRequest() throws Exception {
        String otherRealmToken = otherRealmToken();
        realm.admin.require(realm.admin.send("POST", "/admin/realms/" + realm.name + "/clients", Map.of(
            "clientId", "short-lived", "publicClient", true, "directAccessGrantsEnabled", true,
            "attributes", Map.of("access.token.lifespan", "1"))), 201);
        String expiring = realm.token("short-lived", TestRealm.USER, "openid");
        Thread.sleep(2100);

        assertRefused(401, () -> get("test", "Patient", null));
        assertRefused(401, () -> get("test", "Patient", "not-a-token"));
        assertRefused(401, () -> get("test", "Patient", otherRealmToken));
        assertRefused(401, () -> get("test", "Patient", expiring));
        HttpResponse<String> challenge = get("test", "Patient", null);
        assertTrue(challenge.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
    }

    @Test
    void aTokenWhoseSessionEndedIsRefused() throws Exception {
        realm.addUser("leaver");
        String token = realm.token("leaver", "openid patient/*.read");
        realm.admin.require(realm.admin.send("POST", "/admin/realms/" + realm.name + "/users/"
            + realm.userId("leaver") + "/logout", null), 204);

        assertRefused(401, () -> get("test", "Patient", token));
    }

    @Test
    void aTypeOutsideTheCallersScopesIsRefusedWithoutCallingThePlan() throws Exception {
        String coverageOnly = realm.token(TestRealm.USER, "openid patient/Coverage.read");
        String writeOnly = realm.token(TestRealm.USER, "openid patient/Coverage.write");
        String v2 = realm.token(TestRealm.USER, "openid patient/ExplanationOfBenefit.rs");

        assertEquals(200, get("test", "Coverage", coverageOnly).statusCode());
        HttpResponse<String> refused = assertRefused(403, () -> get("test", "ExplanationOfBenefit", coverageOnly));
        assertTrue(refused.body().contains("patient/ExplanationOfBenefit.read"), refused.body());
        assertRefused(403, () -> get("test", "Coverage", writeOnly));
        assertEquals(200, get("test", "ExplanationOfBenefit?_count=1", v2).statusCode(), "SMART v2 .rs reads");
        assertRefused(403, () -> get("test", "ExplanationOfBenefit?_revinclude=Provenance:target", v2));
    }

    @Test
    void typesThePlanDidNotGrantOrTheAdminDisallowedAreRefused() throws Exception {
        HttpResponse<String> notGranted = assertRefused(403, () -> get("narrow", "Coverage", appToken));
        HttpResponse<String> disallowed = assertRefused(403, () -> get("narrow", "Organization", appToken));

        assertTrue(notGranted.body().contains("did not grant"), notGranted.body());
        assertTrue(disallowed.body().contains("administrator"), disallowed.body());
        assertEquals(200, get("narrow", "ExplanationOfBenefit?_count=2", appToken).statusCode());
    }

    @Test
    void includedResourcesTheCallerMayNotReadAreRemoved() throws Exception {
        HttpResponse<String> response = get("narrow", "ExplanationOfBenefit?_count=3&_include=ExplanationOfBenefit:coverage",
            appToken);

        assertEquals(200, response.statusCode(), response.body());
        assertFalse(response.body().contains("\"resourceType\":\"Coverage\""), "Coverage was not granted by the plan");
        assertTrue(response.body().contains("\"resourceType\":\"ExplanationOfBenefit\""));
    }

    @Test
    void writesAreRefusedWith405() throws Exception {
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
            HttpResponse<String> response = assertRefused(405, () -> send(method, proxyBase("test") + "/Patient/"
                + TestMembers.SHERIE.patientId(), appToken, "application/fhir+json", "{\"resourceType\":\"Patient\"}"));
            assertTrue(response.headers().firstValue("Allow").orElse("").contains("GET"), method);
        }
    }

    @Test
    void pathTricksAndForeignUrlsAre400() throws Exception {
        for (String path : List.of("Patient%2F..%2F..%2Fadmin", "Patient/..%2F..%2Foauth2%2Ftoken", "Patient%5Cx",
            "http:%2F%2Fevil.example%2FPatient", "NotAType", "Patient/bad$id", "Patient/1/$everything",
            "ExplanationOfBenefit?patient=http://evil.example/Patient/1",
            "ExplanationOfBenefit?_format=xml", "?_getpages=x&url=http://evil.example/r4")) {
            assertRefused(400, () -> get("test", path, appToken));
        }
    }

    @Test
    void unknownOrUnlinkedPlansAre404() throws Exception {
        HttpResponse<String> unlinked = assertRefused(404, () -> get("unlinked", "Patient", appToken));
        assertRefused(404, () -> get("nosuchplan", "Patient", appToken));
        assertTrue(unlinked.body().contains("kc_action=idp_link"), unlinked.body());
    }

    @Test
    void aPlanThatDoesNotAnswerInTimeIs504() throws Exception {
        stack.sandbox().controls().failNext(Area.FHIR, 1, Fault.hang());
        HttpResponse<String> response = get("test", "Coverage", appToken);

        assertEquals(504, response.statusCode(), response.body());
        assertOperationOutcome(response);
    }

    @Test
    void aPlanAnsweringGarbageOrFailingIs502WithoutItsBody() throws Exception {
        stack.sandbox().controls().failNext(Area.FHIR, 1, Fault.garbage());
        HttpResponse<String> garbage = get("test", "Coverage", appToken);
        stack.sandbox().controls().failNext(Area.FHIR, 1, Fault.status(500));
        HttpResponse<String> failing = get("test", "Coverage", appToken);

        assertEquals(502, garbage.statusCode(), garbage.body());
        assertFalse(garbage.body().contains("upstream hiccup"));
        assertEquals(502, failing.statusCode(), failing.body());
        assertFalse(failing.body().contains("Injected failure"));
        assertOperationOutcome(garbage);
    }

    @Test
    void thePlansOwn4xxOperationOutcomePassesThrough() throws Exception {
        HttpResponse<String> missing = get("test", "ExplanationOfBenefit/does-not-exist", appToken);

        assertEquals(404, missing.statusCode(), missing.body());
        assertOperationOutcome(missing);
    }

    @Test
    void aPlan401IsAnsweredByOneRenewalAndOneRetry() throws Exception {
        stack.sandbox().controls().failNext(Area.FHIR, 1, Fault.status(401));
        HttpResponse<String> response = get("test", "Coverage", appToken);

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(2, stack.sandbox().controls().requestCount(Area.FHIR));
        assertEquals(1, stack.sandbox().controls().requestCount(Area.TOKEN));
    }

    @Test
    void everyProxiedRequestIsAnEventWithPlanTypeStatusAndDuration() throws Exception {
        get("test", "Coverage", appToken);
        get("narrow", "Organization", appToken);

        JsonNode events = realm.admin.get("/admin/realms/" + realm.name + "/events?max=500&type="
            + "IDENTITY_PROVIDER_RETRIEVE_TOKEN&type=IDENTITY_PROVIDER_RETRIEVE_TOKEN_ERROR");
        JsonNode served = find(events, "test", "Coverage", "200");
        JsonNode refused = find(events, "narrow", "Organization", "403");
        assertEquals(realm.userId(), served.get("userId").asText());
        assertEquals(TestRealm.APP_CLIENT, served.get("clientId").asText());
        assertEquals("search-type", served.get("details").get("fhir_interaction").asText());
        assertTrue(served.get("details").get("duration_ms").asLong() >= 0);
        assertEquals("IDENTITY_PROVIDER_RETRIEVE_TOKEN_ERROR", refused.get("type").asText());
        assertEquals("scope_refused", refused.get("error").asText());
    }

    @Test
    void requestsAreCountedByPlanAndStatusOnTheMetricsEndpoint() throws Exception {
        get("test", "Coverage", appToken);
        HttpResponse<String> metrics = send("GET", stack.keycloak().managementUrl() + "/metrics", null, null, null);

        assertEquals(200, metrics.statusCode());
        String line = metrics.body().lines().filter(l -> l.startsWith("payer_access_proxy_requests_seconds_count{")
            && l.contains("plan=\"test\"") && l.contains("realm=\"" + realm.name + "\"") && l.contains("status=\"200\""))
            .findFirst().orElseThrow(() -> new AssertionError("no proxy timer for plan test in /metrics"));
        assertTrue(Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)) >= 1, line);
    }

    private static JsonNode find(JsonNode events, String plan, String type, String status) {
        for (JsonNode event : events) {
            JsonNode details = event.path("details");
            if (plan.equals(details.path("identity_provider").asText()) && type.equals(details.path("resource_type").asText())
                && status.equals(details.path("status").asText())) {
                return event;
            }
        }
        throw new AssertionError("no event for " + plan + " " + type + " " + status + " in " + events);
    }

    private HttpResponse<String> assertRefused(int status, ThrowingSupplier call) throws Exception {
        int before = stack.sandbox().controls().requestCount(Area.FHIR);
        HttpResponse<String> response = call.get();
        assertEquals(status, response.statusCode(), response.body());
        assertOperationOutcome(response);
        if (status != 404 || !response.body().contains("payers")) {
            assertEquals(before, stack.sandbox().controls().requestCount(Area.FHIR), "the plan was called");
        }
        return response;
    }

    @FunctionalInterface
    private interface ThrowingSupplier {
        HttpResponse<String> get() throws Exception;
    }

    private static void assertOperationOutcome(HttpResponse<String> response) throws Exception {
        assertEquals("OperationOutcome", KeycloakAdmin.JSON.readTree(response.body()).path("resourceType").asText(),
            response.body());
        assertFalse(response.body().contains("sbx_"), "a plan token in an error: " + response.body());
    }

    private IGenericClient client(String alias, String token) {
        IGenericClient client = FHIR.newRestfulGenericClient(proxyBase(alias));
        client.registerInterceptor(new BearerTokenAuthInterceptor(token));
        return client;
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

    private dev.payeraccess.sandbox.control.ReceivedRequest last(Area area) {
        List<dev.payeraccess.sandbox.control.ReceivedRequest> requests = stack.sandbox().controls().requests(area);
        return requests.get(requests.size() - 1);
    }

    private String otherRealmToken() throws Exception {
        TestRealm other = TestRealm.create(stack, "other");
        other.addSmartScopes();
        String token = other.token(TestRealm.USER, "openid patient/*.read");
        other.delete();
        return token;
    }

    private String proxyBase(String alias) {
        return stack.keycloak().baseUrl() + "/realms/" + realm.name + "/payer-access/fhir/" + alias;
    }

    private HttpResponse<String> get(String alias, String pathAndQuery, String token) throws Exception {
        return send("GET", proxyBase(alias) + "/" + pathAndQuery, token, null, null);
    }

    private static HttpResponse<String> send(String method, String url, String token, String contentType, String body)
        throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode claims(String jwt) throws Exception {
        return KeycloakAdmin.JSON.readTree(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }
}
