package dev.payeraccess.sandbox;

import static dev.payeraccess.sandbox.SandboxClient.location;
import static dev.payeraccess.sandbox.SandboxClient.param;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.payeraccess.sandbox.control.AudienceRule;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** SMART's {@code aud} at a lenient plan (the default), a strict one and one that fails on it. */
class AudienceRuleTest extends SandboxTest {

    @Test
    void byDefaultAudMayBeLeftOutOrNameTheFhirBase() throws Exception {
        assertEquals(200, client.authorize(Track.TEST, Map.of()).statusCode());
        assertEquals(200, client.authorize(Track.TEST, Map.of("aud", sandbox.urls().fhirBase())).statusCode());
    }

    @Test
    void aPlanRequiringAudSendsARequestWithoutItBackToTheApp() throws Exception {
        sandbox.controls().audience(AudienceRule.REQUIRED);

        HttpResponse<String> redirect = client.authorize(Track.TEST, Map.of());

        assertEquals(302, redirect.statusCode());
        assertTrue(location(redirect).startsWith(SandboxClient.REDIRECT_URI));
        assertEquals(Optional.of("invalid_request"), param(redirect, "error"));
        String description = param(redirect, "error_description").orElse("");
        assertTrue(description.contains("aud is required and must be this plan's FHIR base URL "
            + sandbox.urls().fhirBase()), description);
        assertTrue(description.contains("SMART App Launch"), description);
        assertEquals(Optional.of("xyz"), param(redirect, "state"));
    }

    @Test
    void aPlanRequiringAudAcceptsTheFhirBaseAndRefusesAnotherServer() throws Exception {
        sandbox.controls().audience(AudienceRule.REQUIRED);

        HttpResponse<String> right = client.authorize(Track.TEST, Map.of("aud", sandbox.urls().fhirBase() + "/"));
        HttpResponse<String> wrong = client.authorize(Track.TEST, Map.of("aud", "https://other.example/r4"));

        assertEquals(200, right.statusCode());
        assertEquals(Optional.of("invalid_request"), param(wrong, "error"));
    }

    @Test
    void aPlanThatFailsOnAudRefusesEvenTheRightOne() throws Exception {
        sandbox.controls().audience(AudienceRule.REFUSED);

        HttpResponse<String> withAud = client.authorize(Track.TEST, Map.of("aud", sandbox.urls().fhirBase()));
        HttpResponse<String> withoutAud = client.authorize(Track.TEST, Map.of());

        assertEquals(302, withAud.statusCode());
        assertEquals(Optional.of("invalid_request"), param(withAud, "error"));
        assertTrue(param(withAud, "error_description").orElse("").contains("aud is not supported"));
        assertEquals(Optional.of("xyz"), param(withAud, "state"));
        assertEquals(200, withoutAud.statusCode());
    }

    @Test
    void anUntrustedRedirectUriStillGetsAnErrorPageNotARedirect() throws Exception {
        sandbox.controls().audience(AudienceRule.REQUIRED);

        HttpResponse<String> page = client.authorize(Track.TEST, Map.of("redirect_uri", "https://attacker.example/cb"));

        assertEquals(400, page.statusCode(), "RFC 6749 4.1.2.1: never redirect to an unregistered URI");
        assertTrue(location(page).isEmpty());
    }
}
