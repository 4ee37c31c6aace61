package dev.payeraccess.proxy.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.payeraccess.fhir.FhirProblemException;
import dev.payeraccess.fhir.R4;
import dev.payeraccess.proxy.request.FhirRequest;
import dev.payeraccess.proxy.request.FhirRequestParser;
import dev.payeraccess.proxy.request.PageParameters;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Pages at the plan's FHIR base ({@code ?_getpages=}): a grant covers exactly the page request that reaches the
 * plan, for its user and plan, for an hour. Each test is a page link someone would like to open with a grant made
 * for another; every one is followed as the app would send it, through the proxy's parser.
 */
class PageLinksTest {

    private static final String PLAN = "http://127.0.0.1:8090/r4";
    private static final String PROXY = "http://localhost:8080/realms/r1/payer-access/fhir/test";
    private static final byte[] REALM_KEY = "k-one-0123456789abcdef0123456789".getBytes(StandardCharsets.UTF_8);
    private static final List<byte[]> KEYS = List.of(PageLinkGrammar.derivedKey(REALM_KEY));
    private static final Instant NOW = Instant.parse("2026-12-06T08:00:00Z");
    private static final FhirRequestParser PARSER = new FhirRequestParser(R4.context().getResourceTypes(), PROXY, PLAN);

    private final String link = links("dana", "test", NOW).signer("ExplanationOfBenefit")
        .apply(PROXY + "?_getpages=abc&_getpagesoffset=10&_count=10&_bundletype=searchset");

    @Nested
    @DisplayName("Given a page link the proxy granted")
    class Granted {

        @Test
        void itOpensThePageItNamesTypedAsItsSearchAndTheGrantNeverReachesThePlan() throws Exception {
            FhirRequest page = dana().verified(followed(link));

            assertEquals(Optional.of("ExplanationOfBenefit"), page.type());
            assertFalse(page.planUrl(PLAN).contains(PageParameters.PAGE_GRANT), page.planUrl(PLAN));
            assertEquals(PLAN + "?_getpages=abc&_getpagesoffset=10&_count=10&_bundletype=searchset",
                page.planUrl(PLAN));
        }

        @Test
        void itOpensForAnHourAndThenNotAnyMore() throws Exception {
            Instant almost = NOW.plus(PageLinkGrammar.LIFETIME).minusSeconds(1);
            assertEquals(Optional.of("ExplanationOfBenefit"), links("dana", "test", almost).verified(followed(link))
                .type());

            FhirProblemException expired = assertThrows(FhirProblemException.class,
                () -> links("dana", "test", NOW.plus(PageLinkGrammar.LIFETIME)).verified(followed(link)));
            assertEquals(403, expired.problem().status());
            assertTrue(expired.problem().diagnostics().contains("expired"), expired.problem().diagnostics());
        }

        @Test
        void anotherUserOrPlanCannotReplayIt() {
            assertForbidden(() -> links("eve", "test", NOW).verified(followed(link)));
            assertForbidden(() -> links("dana", "other", NOW).verified(followed(link)));
        }

        @Test
        void anotherPageIdOffsetOrCountCannotBorrowItsGrant() {
            for (String[] swap : new String[][] {{"_getpages=abc", "_getpages=xyz"},
                {"_getpagesoffset=10", "_getpagesoffset=20"}, {"_count=10", "_count=1000"},
                {"&_bundletype=searchset", ""}, {"_getpages=abc", "_getpages=abc&_pretty=true"}}) {
                assertForbidden(() -> dana().verified(followed(link.replace(swap[0], swap[1]))));
            }
        }

        @Test
        void aForeignPageIdPutInFrontOfTheGrantedOneIsRefusedBeforeAnyGrantIsRead() {
            String foreignFirst = link.replace("?_getpages=abc", "?_getpages=someone-elses&_getpages=abc");
            String repeatedOffset = link + "&_getpagesoffset=0";

            assertEquals(400, status(() -> followed(foreignFirst)));
            assertEquals(400, status(() -> followed(repeatedOffset)));
            assertEquals(400, status(() -> followed(link + "&" + link.substring(link.lastIndexOf('&') + 1))));
        }

        @Test
        void aForeignPageIdWithTheGrantOfAnotherIsRefused() {
            String grant = link.substring(link.lastIndexOf('&') + 1);

            assertForbidden(() -> dana().verified(followed(PROXY + "?_getpages=someone-elses&_getpagesoffset=10"
                + "&_count=10&_bundletype=searchset&" + grant)));
        }

        @Test
        void changingTheTypeOrTheExpiryBreaksTheGrant() {
            String[] grant = link.substring(link.lastIndexOf('=') + 1).split("\\.");
            String head = link.substring(0, link.lastIndexOf('=') + 1);
            long later = Long.parseLong(grant[1]) + 3600;

            assertForbidden(() -> dana().verified(followed(head + "Patient." + grant[1] + "." + grant[2])));
            assertForbidden(() -> dana().verified(followed(head + grant[0] + "." + later + "." + grant[2])));
            for (String malformed : List.of("", grant[0], grant[0] + "." + grant[2], grant[0] + ".0." + grant[2],
                grant[0] + "." + grant[1] + "." + grant[2] + ".x")) {
                assertForbidden(() -> dana().verified(followed(head + malformed)));
            }
        }
    }

    @Nested
    @DisplayName("Given the realm's HMAC key")
    class Keys {

        @Test
        void grantsAreSignedWithAKeyDerivedForThemAloneNotTheRealmKeyItself() throws Exception {
            String signedWithRealmKey = new PageLinks(new PageLinkGrammar(new PageGrants(List.of(REALM_KEY), "dana",
                "test"), fixed(NOW))).signer("ExplanationOfBenefit").apply(PROXY + "?_getpages=abc");

            assertForbidden(() -> dana().verified(followed(signedWithRealmKey)));
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(REALM_KEY, "HmacSHA256"));
            assertEquals(Base64.getEncoder().encodeToString(hmac.doFinal(PageLinkGrammar.KEY_PURPOSE
                .getBytes(StandardCharsets.UTF_8))), Base64.getEncoder().encodeToString(KEYS.get(0)));
            assertNotEquals(Base64.getEncoder().encodeToString(REALM_KEY),
                Base64.getEncoder().encodeToString(KEYS.get(0)));
        }

        @Test
        void withoutAnyKeyLinksStayUnsignedAndNoPageOpens() {
            PageLinks keyless = new PageLinks(new PageLinkGrammar(new PageGrants(List.of(), "dana", "test"),
                fixed(NOW)));
            String unsigned = keyless.signer("Coverage").apply(PROXY + "?_getpages=abc");

            assertEquals(PROXY + "?_getpages=abc", unsigned);
            assertForbidden(() -> keyless.verified(followed(link)));
        }
    }

    @Test
    void otherLinksAreLeftAsTheyAre() {
        assertEquals(PROXY + "/Coverage?_count=5", dana().signer("Coverage").apply(PROXY + "/Coverage?_count=5"));
    }

    private static PageLinks dana() {
        return links("dana", "test", NOW);
    }

    private static PageLinks links(String user, String alias, Instant now) {
        return new PageLinks(new PageLinkGrammar(new PageGrants(KEYS, user, alias), fixed(now)));
    }

    private static Clock fixed(Instant now) {
        return Clock.fixed(now, ZoneOffset.UTC);
    }

    /** The request the app's GET of {@code link} becomes, as the proxy parses it. */
    private static FhirRequest followed(String link) throws FhirProblemException {
        URI uri = URI.create(link);
        return PARSER.parse("", Optional.ofNullable(uri.getRawQuery()), Optional.empty());
    }

    private static int status(Executable call) {
        return assertThrows(FhirProblemException.class, call).problem().status();
    }

    private static void assertForbidden(Executable call) {
        assertEquals(403, status(call));
    }
}
