package dev.payeraccess.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.payeraccess.launch.KeycloakStack;
import dev.payeraccess.sandbox.TestMembers;
import dev.payeraccess.sandbox.Track;
import dev.payeraccess.sandbox.control.Area;
import dev.payeraccess.sandbox.control.ReceivedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A seeded run of hostile requests through the proxy (paths, encodings, parameters, methods, scopes),
 * each checked for what must never happen: a 5xx of the proxy's own making, a call anywhere but the
 * plan's FHIR base or for a type the caller may not read, a forbidden type in the answer, an error that
 * is not an OperationOutcome, an injected header, a plan token or an unrewritten plan URL in an answer.
 * The seed is printed, and {@code -Dfuzz.seed=...} replays a run.
 */
@ExtendWith(PayerAccessStack.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProxyFuzzIT {

    private static final int REQUESTS = 1_000;
    private static final List<String> DIRECTORY = List.of("Patient", "Coverage", "ExplanationOfBenefit", "Organization",
        "Practitioner", "PractitionerRole", "Location");
    /** Each caller's scope and the types it may read of the plan's allowed ones. */
    private static final Map<String, Set<String>> CALLERS = Map.of(
        "openid patient/*.read", Set.copyOf(DIRECTORY),
        "openid patient/ExplanationOfBenefit.read", Set.of("ExplanationOfBenefit"),
        "openid patient/Coverage.read", Set.of("Coverage"),
        "openid user/*.read", Set.copyOf(DIRECTORY),
        "openid", Set.of());
    private static final List<String> TYPES = List.of("Patient", "Coverage", "ExplanationOfBenefit", "Observation",
        "Organization", "Encounter", "Bundle", "NotAType", "patient", "metadata", ".well-known/smart-configuration",
        "");
    private static final List<String> IDS = List.of(TestMembers.SHERIE.patientId(), TestMembers.DELMAR.patientId(),
        "1", "..", "%2e%2e", "%2F", "..%2F..%2Foauth2%2Ftoken", "a%00b", "x".repeat(70), "$everything", "_history",
        "_search", "%5C", "%252F", "Patient%2F1");
    private static final List<String> NAMES = List.of("patient", "subject", "beneficiary", "_id", "_include",
        "_revinclude", "_include:iterate", "_has:Coverage:beneficiary:status", "_has:Observation:patient:code",
        "_has:Coverage:beneficiary:_has:ExplanationOfBenefit:coverage:status", "coverage.payor.name", "patient.name",
        "provider:Organization.name", "_filter", "_query", "_list", "_text", "_content", "_contained", "_containedType",
        "access_token", "_count", "_getpages", "payer-access-page", "_format", "made-up", "made-up:exact", "url",
        "_sort", "type", "service-date", "X-Injected%0d%0aX-Injected", "_elements", "_summary");
    private static final List<String> VALUES = List.of(TestMembers.SHERIE.patientId(), "Patient/"
        + TestMembers.DELMAR.patientId(), "http://evil.example/x", "ExplanationOfBenefit:patient", "*",
        "Coverage:payor:Organization", "ExplanationOfBenefit:coverage", "Observation:subject",
        "%0d%0aSet-Cookie:%20x=1", "json", "xml", "1", "-1", "99999", "", "%E2%80%AE", "active",
        "ExplanationOfBenefit.x.yz", "%00");
    private static final List<String> METHODS = List.of("GET", "GET", "GET", "GET", "HEAD", "POST", "PUT", "DELETE",
        "PATCH", "OPTIONS");

    private static final List<String> KEYCLOAKS_OWN_REFUSALS = List.of("\"missingNormalization\"",
        "\"Blocking invalid query parameter value\"");

    private KeycloakStack stack;
    private TestRealm realm;
    private final Map<String, PayerAccessApi> callers = new java.util.LinkedHashMap<>();

    @BeforeAll
    void linkSherie(KeycloakStack stack) throws Exception {
        this.stack = stack;
        realm = TestRealm.create(stack, "fuzz");
        realm.addSmartScopes();
        realm.addPlan(realm.plan("test", Track.TEST));
        new MemberLinking(stack).link(realm, "test", TestMembers.SHERIE, new KeycloakBrowser());
        for (String scope : CALLERS.keySet()) {
            callers.put(scope, realm.api().as(realm.token(TestRealm.USER, scope)));
        }
        callers.put("(not a token)", realm.api().as("not.a.token"));
    }

    @AfterAll
    void dropRealm() throws Exception {
        realm.delete();
    }

    @Test
    void hostileRequestsNeverBreakTheProxysRules() throws Exception {
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        System.out.println("ProxyFuzzIT seed=" + seed + " (replay with -Dfuzz.seed=" + seed + ")");
        Random random = new Random(seed);
        stack.sandbox().controls().serverSidePaging(random.nextBoolean());
        List<String> scopes = new ArrayList<>(callers.keySet());
        for (int i = 0; i < REQUESTS; i++) {
            String scope = scopes.get(random.nextInt(scopes.size()));
            String method = pick(random, METHODS);
            String path = path(random);
            String context = "seed " + seed + ", request " + i + " as '" + scope + "': " + method + " " + path;
            int before = stack.sandbox().controls().requestCount(Area.FHIR);
            ApiResponse response = callers.get(scope).fhir("test").send(method, path,
                method.equals("POST") ? "application/x-www-form-urlencoded" : null,
                method.equals("POST") ? query(random) : null);
            List<ReceivedRequest> atPlan = received(before);
            check(context, response, atPlan, CALLERS.getOrDefault(scope, Set.of()));
        }
    }

    private void check(String context, ApiResponse response, List<ReceivedRequest> atPlan, Set<String> readable) {
        int status = response.status();
        assertFalse(status == 500 || status > 504, () -> context + " -> " + response);
        if (status >= 502) {
            assertFalse(atPlan.isEmpty(), () -> context + ": a gateway error without a plan call -> " + response);
        }
        assertEquals(atPlan.size(), response.planRequests().orElseThrow(),
            () -> context + ": a request went somewhere but the plan's FHIR API");
        for (ReceivedRequest request : atPlan) {
            assertTrue(request.path().equals("/r4") || request.path().startsWith("/r4/"),
                () -> context + " -> " + request);
            String type = request.path().length() > 4 ? request.path().substring(4).split("/")[0] : "";
            assertTrue(type.isEmpty() || readable.contains(type), () -> context + ": the plan was asked for " + type);
            assertTrue(request.header("Authorization").orElse("").startsWith("Bearer sbx_"), () -> context + ": "
                + "the plan got no plan token");
        }
        response.headers().map().forEach((name, values) -> {
            assertFalse(name.toLowerCase(Locale.ROOT).contains("injected"), () -> context + ": header " + name);
            values.forEach(v -> assertFalse(v.contains("\r") || v.contains("\n"),
                () -> context + ": " + name + ": " + v));
        });
        assertFalse(response.body().contains("sbx_"), () -> context + ": a plan token in " + response);
        assertFalse(response.body().contains(stack.sandbox().urls().base()),
            () -> context + ": a plan URL in " + response);
        if (status >= 400 && !response.method().equals("HEAD")) {
            // Keycloak itself answers dot segments (raw or %2e) and NUL in a query with its own 400, before
            // any extension runs.
            boolean keycloaksOwn = status == 400 && KEYCLOAKS_OWN_REFUSALS.stream().anyMatch(response.body()::contains);
            assertTrue(response.isOperationOutcome() || keycloaksOwn, () -> context + ": not an OperationOutcome: "
                + response);
        }
        if (status == 200 && !response.method().equals("HEAD") && !response.method().equals("OPTIONS")
            && response.uri().getPath().matches(".*/fhir/test/?[A-Z][A-Za-z]*(/.*)?")) {
            returnedTypes(response.json()).forEach(type -> assertTrue(readable.contains(type)
                || Set.of("Bundle", "OperationOutcome").contains(type), () -> context + ": returned a " + type));
        }
    }

    private List<ReceivedRequest> received(int before) {
        List<ReceivedRequest> all = stack.sandbox().controls().requests(Area.FHIR);
        int after = stack.sandbox().controls().requestCount(Area.FHIR);
        return all.subList(Math.max(0, all.size() - (after - before)), all.size());
    }

    private static List<String> returnedTypes(JsonNode document) {
        List<String> types = new ArrayList<>();
        types.add(document.path("resourceType").asText());
        document.path("entry").forEach(e -> types.add(e.path("resource").path("resourceType").asText()));
        return types;
    }

    private static String path(Random random) {
        StringBuilder path = new StringBuilder(pick(random, TYPES));
        if (random.nextInt(3) == 0) {
            path.append('/').append(pick(random, IDS));
            if (random.nextInt(5) == 0) {
                path.append("/_history/").append(random.nextBoolean() ? "1" : pick(random, IDS));
            } else if (random.nextInt(4) == 0) {
                path.append("/$everything");
            }
        }
        String query = query(random);
        return query.isEmpty() ? path.toString() : path + "?" + query;
    }

    private static String query(Random random) {
        List<String> pairs = new ArrayList<>();
        for (int n = random.nextInt(5); n > 0; n--) {
            pairs.add(pick(random, NAMES) + "=" + pick(random, VALUES));
        }
        return String.join("&", pairs);
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
