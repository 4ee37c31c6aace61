package dev.payeraccess.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.payeraccess.plan.PlanEndpoints;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class TokenBindingTest {

    private static final PlanEndpoints PLAN = new PlanEndpoints("plan", "https://api.plan.example/r4",
        "https://auth.plan.example/oauth2/token", Optional.of("https://auth.plan.example/oauth2/revoke"), "client-1",
        (s, r) -> r, 30_000, List.of());

    private static PlanEndpoints with(String fhirBase, String tokenUrl, Optional<String> revocationUrl,
        String clientId) {
        return new PlanEndpoints(PLAN.alias(), fhirBase, tokenUrl, revocationUrl, clientId,
            PLAN.clientAuthentication(), PLAN.timeoutMs(), PLAN.pagingHosts());
    }

    @Test
    void theSameConfigurationGivesTheSameBindingEveryTime() {
        TokenBinding binding = TokenBinding.of(PLAN);

        assertEquals(binding,
            TokenBinding.of(with(PLAN.fhirBaseUrl(), PLAN.tokenUrl(), PLAN.revocationUrl(), PLAN.clientId())));
        assertEquals(43, binding.digest().length(), "SHA-256 in base64url without padding");
        assertEquals(PLAN.revocationUrl(), binding.revocationUrl());
    }

    @Test
    void changingAnyBoundEndpointOrTheClientIdChangesTheBinding() {
        Map<String, UnaryOperator<PlanEndpoints>> changes = Map.of(
            "fhirBaseUrl", p -> with("https://attacker.example/r4", p.tokenUrl(), p.revocationUrl(), p.clientId()),
            "tokenUrl", p -> with(p.fhirBaseUrl(), "https://attacker.example/token", p.revocationUrl(), p.clientId()),
            "revocationUrl",
                p -> with(p.fhirBaseUrl(), p.tokenUrl(), Optional.of("https://attacker.example/revoke"), p.clientId()),
            "revocationUrl removed", p -> with(p.fhirBaseUrl(), p.tokenUrl(), Optional.empty(), p.clientId()),
            "clientId", p -> with(p.fhirBaseUrl(), p.tokenUrl(), p.revocationUrl(), "client-2"),
            "letter case", p -> with("https://API.plan.example/r4", p.tokenUrl(), p.revocationUrl(), p.clientId()));

        changes.forEach((what, change) ->
            assertNotEquals(TokenBinding.of(PLAN).digest(), TokenBinding.of(change.apply(PLAN)).digest(), what));
    }

    @Test
    void theSecretTimeoutAndAuthenticationMethodAreNotBound() {
        PlanEndpoints rotated = new PlanEndpoints("plan", PLAN.fhirBaseUrl(), PLAN.tokenUrl(), PLAN.revocationUrl(),
            PLAN.clientId(), (s, r) -> r.authBasic("client-1", "secret-2"), 5_000, List.of());

        assertEquals(TokenBinding.of(PLAN), TokenBinding.of(rotated), "rotating the secret must not force relinks");
    }

    @Test
    void pagingHostsAreBoundAndAPlanWithoutThemKeepsTheDigestOfEarlierLinks() {
        PlanEndpoints withHost = new PlanEndpoints("plan", PLAN.fhirBaseUrl(), PLAN.tokenUrl(), PLAN.revocationUrl(),
            PLAN.clientId(), PLAN.clientAuthentication(), PLAN.timeoutMs(), List.of("https://cdn.plan.example/r4"));

        assertNotEquals(TokenBinding.of(PLAN), TokenBinding.of(withHost), "a new host the token goes to is a change");
        assertEquals("[\"payer-access/token-binding/1\",\"https://api.plan.example/r4\","
            + "\"https://auth.plan.example/oauth2/token\",\"https://auth.plan.example/oauth2/revoke\",\"client-1\"]",
            TokenBinding.canonicalForm(PLAN), "the form links were bound with before paging hosts existed");
    }

    @Test
    void fieldsCannotBeShiftedIntoEachOther() {
        PlanEndpoints one = with("https://a.example/r4", "https://a.example/token", Optional.empty(), "x");
        PlanEndpoints other = with("https://a.example/r4", "https://a.example/token\",\"", Optional.empty(), "x");

        assertNotEquals(TokenBinding.of(one), TokenBinding.of(other));
        assertTrue(TokenBinding.canonicalForm(other).contains("token\\\",\\\""), TokenBinding.canonicalForm(other));
    }

    @Test
    void theDigestRevealsNoEndpointOrClient() {
        String digest = TokenBinding.of(PLAN).digest();

        assertFalse(digest.contains("plan.example") || digest.contains("client-1"), digest);
    }

    @Test
    void aPlansRecordOfItsBindingReadsBackAsTheSameBinding() {
        TokenBinding binding = TokenBinding.of(PLAN);
        TokenBinding withoutRevocation = TokenBinding.of(with(PLAN.fhirBaseUrl(), PLAN.tokenUrl(), Optional.empty(),
            PLAN.clientId()));

        assertEquals(Optional.of(binding), TokenBinding.fromRecord(binding.toRecord()));
        assertEquals(Optional.of(withoutRevocation), TokenBinding.fromRecord(withoutRevocation.toRecord()));
        assertTrue(binding.toRecord().contains("\"bound_to\":\"" + binding.digest() + "\""), binding.toRecord());
    }

    @Test
    void anyOtherTextIsNoRecordAndBindsNothing() {
        for (String text : List.of("", "none", "{}", "[]", "{\"bound_to\":\"\"}", "{\"bound_to\":1}", "{\"bound_to\":",
            TokenBinding.of(PLAN).digest())) {
            assertEquals(Optional.empty(), TokenBinding.fromRecord(text), text);
        }
    }
}
