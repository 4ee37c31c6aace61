package dev.payeraccess.brands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The alias a brand's plan gets: readable, from the brand's identifier, and unique in the realm. */
class BrandAliasesTest {

    private static String base(String system, String value) {
        return BrandAliases.base(new BrandIdentifier(Optional.ofNullable(system), value));
    }

    @Test
    void aWebsiteIdentifierGivesItsDomainWithoutWwwOrTopLevelDomain() {
        assertEquals("acmehealth", base(BrandIdentifier.URL_SYSTEM, "https://www.acmehealth.com"));
        assertEquals("members-bayside", base(BrandIdentifier.URL_SYSTEM, "https://members.bayside.example/"));
        assertEquals("cedar-plans-medicare", base(BrandIdentifier.URL_SYSTEM, "https://cedar-plans.org/Medicare"));
    }

    @Test
    void anyOtherIdentifierIsLowercasedWithOneDashForEachRunOfOtherCharacters() {
        assertEquals("npi-1234567890", base("http://hl7.org/fhir/sid/us-npi", "NPI 1234567890"));
        assertEquals("acme-health-plan", base(null, "  Acme__Health.Plan!  "));
        assertEquals("127-0-0-1", base(BrandIdentifier.URL_SYSTEM, "http://127.0.0.1:8080"));
    }

    @Test
    void anIdentifierWithoutLettersOrDigitsGivesPlan() {
        assertEquals("plan", base(null, "!!!"));
    }

    @Test
    void aLongIdentifierIsCutWithoutATrailingDash() {
        String alias = base(null, "a".repeat(47) + "-b" + "c".repeat(40));

        assertTrue(alias.length() <= BrandAliases.MAX_LENGTH, alias);
        assertEquals("a".repeat(47), alias);
    }

    @Test
    void aTakenAliasGetsTheFirstFreeNumber() {
        Set<String> taken = Set.of("acme", "acme-2");

        assertEquals("acme-3", BrandAliases.unique("acme", taken::contains));
        assertEquals("bayside", BrandAliases.unique("bayside", taken::contains));
    }

    @Test
    void anIdentifierIsStoredAsAFhirToken() {
        BrandIdentifier withSystem = new BrandIdentifier(Optional.of(BrandIdentifier.URL_SYSTEM),
            "https://acme.example");
        BrandIdentifier withoutSystem = new BrandIdentifier(Optional.empty(), "acme");

        assertEquals("urn:ietf:rfc:3986|https://acme.example", withSystem.token());
        assertEquals(withSystem, BrandIdentifier.ofToken(withSystem.token()));
        assertEquals(withoutSystem, BrandIdentifier.ofToken("acme"));
    }
}
