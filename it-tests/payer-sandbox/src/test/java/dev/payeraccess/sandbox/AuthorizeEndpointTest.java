package dev.payeraccess.sandbox;

import static dev.payeraccess.sandbox.SandboxClient.location;
import static dev.payeraccess.sandbox.SandboxClient.param;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AuthorizeEndpointTest extends SandboxTest {

    @ParameterizedTest
    @EnumSource(Track.class)
    void everyTrackShowsTheMemberVerificationPage(Track track) throws Exception {
        HttpResponse<String> page = client.authorize(track, Map.of());

        assertEquals(200, page.statusCode());
        for (String label
            : new String[] {"First name", "Last name", "Birthdate", "Member ID", "Postal code", "Email"}) {
            assertTrue(page.body().contains(">" + label + "</label>"), label + " field missing");
        }
        assertTrue(page.body().contains(track.defaultScope()), "the page names the scope the app gets");
    }

    @Test
    void unknownSystemIdIsAnErrorPage() throws Exception {
        HttpResponse<String> page = client.get(sandbox.urls().base() + "/oauth2/authorize/nosuchplan?client_id=x");

        assertEquals(404, page.statusCode());
        assertTrue(location(page).isEmpty());
    }

    @Test
    void unknownClientIdShowsAnErrorPageAndNeverRedirects() throws Exception {
        HttpResponse<String> page = client.authorize(Track.TEST, Map.of("client_id", "someone-else"));

        assertEquals(400, page.statusCode());
        assertTrue(location(page).isEmpty());
        assertTrue(page.body().contains("Unknown client_id"));
    }

    @Test
    void unregisteredRedirectUriShowsAnErrorPageAndNeverRedirects() throws Exception {
        HttpResponse<String> page = client.authorize(Track.TEST, Map.of("redirect_uri", "https://attacker.example/cb"));

        assertEquals(400, page.statusCode());
        assertTrue(location(page).isEmpty());
        assertTrue(page.body().contains("redirect_uri"));
    }

    @Test
    void anyLoopbackRedirectUriIsAcceptedLikeTheSeedsSandbox() throws Exception {
        HttpResponse<String> page = client.authorize(Track.TEST,
            Map.of("redirect_uri", "http://127.0.0.1:45123/realms/x/broker/plan/endpoint"));

        assertEquals(200, page.statusCode());
    }

    @Test
    void wrongResponseTypeIsSentBackToTheAppWithState() throws Exception {
        HttpResponse<String> redirect = client.authorize(Track.TEST, Map.of("response_type", "token"));

        assertEquals(302, redirect.statusCode());
        assertTrue(location(redirect).startsWith(SandboxClient.REDIRECT_URI));
        assertEquals(Optional.of("unsupported_response_type"), param(redirect, "error"));
        assertEquals(Optional.of("xyz"), param(redirect, "state"));
    }

    @Test
    void unknownScopeIsRefusedWithInvalidScope() throws Exception {
        HttpResponse<String> redirect = client.authorize(Track.TEST, Map.of("scope", "patient/*.read system/*.read"));

        assertEquals(Optional.of("invalid_scope"), param(redirect, "error"));
        assertTrue(param(redirect, "error_description").orElse("").contains("system/*.read"));
    }

    @Test
    void pkcePlainMethodIsRefused() throws Exception {
        HttpResponse<String> redirect = client.authorize(Track.TEST, Map.of(
            "code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", "code_challenge_method", "plain"));

        assertEquals(Optional.of("invalid_request"), param(redirect, "error"));
        assertTrue(param(redirect, "error_description").orElse("").contains("S256"));
    }

    @Test
    void audienceMustBeThePlansFhirBase() throws Exception {
        HttpResponse<String> wrong = client.authorize(Track.TEST, Map.of("aud", "https://other.example/r4"));
        HttpResponse<String> right = client.authorize(Track.TEST, Map.of("aud", sandbox.urls().fhirBase()));

        assertEquals(Optional.of("invalid_request"), param(wrong, "error"));
        assertEquals(200, right.statusCode());
    }

    @Test
    void verifiedMemberIsSentBackWithACodeAndTheState() throws Exception {
        HttpResponse<String> redirect = client.verify(Track.TEST, client.authorize(Track.TEST, Map.of()),
            TestMembers.SHERIE, "sherie@example.org");

        assertEquals(302, redirect.statusCode());
        assertTrue(location(redirect).startsWith(SandboxClient.REDIRECT_URI + "?code="));
        assertTrue(param(redirect, "code").isPresent());
        assertEquals(Optional.of("xyz"), param(redirect, "state"));
    }

    @Test
    void everySeedsMemberCanVerify() throws Exception {
        for (TestMember member : TestMembers.all()) {
            HttpResponse<String> redirect = client.verify(Track.TEST, client.authorize(Track.TEST, Map.of()),
                member, member.memberId() + "@members.example");
            assertTrue(param(redirect, "code").isPresent(), member.firstName() + " could not verify");
        }
    }

    @Test
    void aWrongFieldReshowsTheFormWithAMessageAndNoCode() throws Exception {
        HttpResponse<String> page = client.authorize(Track.TEST, Map.of());
        Map<String, String> form = SandboxClient.memberForm(TestMembers.MAYTE, "mayte@example.org");
        form.put("postalCode", "99999");

        HttpResponse<String> again = client.submit(Track.TEST, page, form);

        assertEquals(200, again.statusCode());
        assertTrue(location(again).isEmpty());
        assertTrue(again.body().contains("could not find a member"));
        assertTrue(again.body().contains("value=\"Mayte822\""), "entered values are kept");
    }

    @Test
    void aBirthdateNotWrittenMmDdYyyyIsNamedInTheMessage() throws Exception {
        Map<String, String> form = SandboxClient.memberForm(TestMembers.MAYTE, "mayte@example.org");
        form.put("birthDate", "2011-01-04");

        HttpResponse<String> again = client.submit(Track.TEST, client.authorize(Track.TEST, Map.of()), form);

        assertTrue(again.body().contains("Birthdate must be a date written MM/DD/YYYY"));
    }

    @Test
    void oneEmailBelongsToOneMemberOnly() throws Exception {
        client.verify(Track.TEST, client.authorize(Track.TEST, Map.of()), TestMembers.DELMAR, "shared@example.org");

        HttpResponse<String> second = client.verify(Track.TEST, client.authorize(Track.TEST, Map.of()),
            TestMembers.GEORGE, "shared@example.org");

        assertTrue(location(second).isEmpty());
        assertTrue(second.body().contains("already used for another member"));
    }

    @Test
    void denyReturnsAccessDeniedToTheApp() throws Exception {
        HttpResponse<String> redirect = client.submit(Track.TEST, client.authorize(Track.TEST, Map.of()),
            Map.of("action", "deny"));

        assertEquals(Optional.of("access_denied"), param(redirect, "error"));
        assertEquals(Optional.of("xyz"), param(redirect, "state"));
        assertFalse(param(redirect, "code").isPresent());
    }

    @Test
    void aVerificationPageCannotBeSubmittedTwice() throws Exception {
        HttpResponse<String> page = client.authorize(Track.TEST, Map.of());
        client.verify(Track.TEST, page, TestMembers.MAYTE, "mayte-twice@example.org");

        HttpResponse<String> again = client.verify(Track.TEST, page, TestMembers.MAYTE, "mayte-twice@example.org");

        assertEquals(400, again.statusCode());
        assertTrue(location(again).isEmpty());
    }

    @Test
    void pageEscapesWhatTheRequestCarried() throws Exception {
        HttpResponse<String> page = client.authorize(Track.TEST, Map.of("scope", "patient/*.read"));
        Map<String, String> form = SandboxClient.memberForm(TestMembers.MAYTE, "mayte@example.org");
        form.put("firstName", "<script>alert(1)</script>");

        HttpResponse<String> again = client.submit(Track.TEST, page, form);

        assertFalse(again.body().contains("<script>alert(1)</script>"));
        assertTrue(again.body().contains("&lt;script&gt;"));
    }
}
