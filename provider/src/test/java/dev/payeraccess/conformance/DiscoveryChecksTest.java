package dev.payeraccess.conformance;

import static dev.payeraccess.conformance.Plans.DISCOVERY;
import static dev.payeraccess.conformance.Plans.plan;
import static dev.payeraccess.conformance.Plans.read;
import static dev.payeraccess.conformance.Plans.smart;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.payeraccess.conformance.Finding.Result;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DiscoveryChecksTest {

    @Test
    void aDocumentThatAgreesWithThePlanPassesEveryCheck() {
        List<Finding> findings = DiscoveryChecks.of(plan(), read(smart(DISCOVERY)));

        assertEquals(List.of("smart-discovery", "authorization-endpoint", "token-endpoint", "pkce-s256",
            "client-authentication", "revocation-endpoint", "scope-style"),
                findings.stream().map(Finding::check).toList());
        findings.forEach(f -> assertEquals(Result.PASS, f.result(), f::toString));
        assertTrue(findings.get(0).detail().contains(Plans.BASE + "/.well-known/smart-configuration answered"),
            findings.get(0).detail());
    }

    @Test
    void withoutADocumentItWarnsThatEndpointsMustBeTypedAndSkipsWhatItCannotCompare() {
        List<Finding> findings = DiscoveryChecks.of(plan(), Plans.status(404));

        assertEquals(Result.WARN, findings.get(0).result());
        assertTrue(findings.get(0).detail().contains("answered HTTP 404")
            && findings.get(0).detail().contains("authorizationUrl and tokenUrl must be typed"),
                findings.get(0).detail());
        assertEquals(List.of(Result.SKIPPED, Result.SKIPPED, Result.SKIPPED, Result.SKIPPED, Result.PASS,
            Result.SKIPPED),
            findings.subList(1, 7).stream().map(Finding::result).toList(), "the typed revocationUrl still counts");
    }

    @Test
    void aBasicOnlyPlanConfiguredWithPostFailsAndSuggestsBasic() {
        Finding finding = DiscoveryChecks.clientAuthentication("client_secret_post", List.of("client_secret_basic"));

        assertEquals(Result.FAIL, finding.result());
        assertEquals(Map.of("clientAuthMethod", "client_secret_basic"), finding.suggests());
        assertTrue(finding.detail().contains("invalid_client"), finding.detail());
    }

    @Test
    void aPlanListingNoMethodsIsReadAsBasicAsRfc8414Says() {
        assertEquals(Result.PASS, DiscoveryChecks.clientAuthentication("client_secret_basic", List.of()).result());
        Finding post = DiscoveryChecks.clientAuthentication("client_secret_post", List.of());
        assertEquals(Result.WARN, post.result());
        assertEquals(Map.of(), post.suggests(), "many plans take post without listing it: no guess");
    }

    @Test
    void aPlanTakingOnlyAssertionsSuggestsPrivateKeyJwtAndTheJwksRegistration() {
        Finding finding = DiscoveryChecks.clientAuthentication("client_secret_post", List.of("private_key_jwt"));

        assertEquals(Map.of("clientAuthMethod", "private_key_jwt"), finding.suggests());
        assertTrue(finding.detail().contains("JWKS"), finding.detail());
        assertEquals(Map.of(), DiscoveryChecks.clientAuthentication("client_secret_post", List.of("tls_client_auth"))
            .suggests());
    }

    @Test
    void pkceWithoutS256FailsAndSuggestsSwitchingItOffAndS256WithPkceOffSuggestsOn() {
        Finding plainOnly = DiscoveryChecks.pkce(true, List.of("plain"));
        Finding off = DiscoveryChecks.pkce(false, List.of("S256"));

        assertEquals(Result.FAIL, plainOnly.result());
        assertEquals(Map.of("pkceEnabled", "false"), plainOnly.suggests());
        assertEquals(Result.WARN, off.result());
        assertEquals(Map.of("pkceEnabled", "true"), off.suggests());
        assertEquals(Result.WARN, DiscoveryChecks.pkce(true, List.of()).result());
        assertEquals(Result.PASS, DiscoveryChecks.pkce(false, List.of("plain")).result());
    }

    @Test
    void anEndpointTheDocumentNamesDifferentlyIsSuggested() {
        Finding finding = DiscoveryChecks.endpoint("token-endpoint", "tokenUrl", Plans.TOKEN,
            "https://login.plan.example/token");

        assertEquals(Result.WARN, finding.result());
        assertEquals(Map.of("tokenUrl", "https://login.plan.example/token"), finding.suggests());
        assertEquals(Result.PASS, DiscoveryChecks.endpoint("token-endpoint", "tokenUrl", Plans.TOKEN + "/", Plans.TOKEN)
            .result(), "a trailing slash is the same endpoint");
    }

    @Test
    void anAdvertisedRevocationEndpointTheSettingsLackIsSuggestedAndNoneAtAllWarns() {
        Finding advertised = DiscoveryChecks.revocation(plan("revocationUrl", ""), java.util.Optional.of(Plans.REVOKE));
        Finding none = DiscoveryChecks.revocation(plan("revocationUrl", ""), java.util.Optional.empty());

        assertEquals(Result.WARN, advertised.result());
        assertEquals(Map.of("revocationUrl", Plans.REVOKE), advertised.suggests());
        assertEquals(Result.WARN, none.result());
        assertTrue(none.detail().contains("cannot revoke"), none.detail());
        assertEquals(Result.PASS, DiscoveryChecks.revocation(plan(), java.util.Optional.empty()).result());
    }
}
