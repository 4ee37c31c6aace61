package dev.payeraccess.brands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.payeraccess.broker.PlanIdentityProviderConfig;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which plan of the realm a brand's endpoint is, whatever its alias, and how the import answers. */
class BrandImportTest {

    private static final BrandIdentifier ACME = new BrandIdentifier(Optional.of(BrandIdentifier.URL_SYSTEM),
        "https://acmehealth.example");
    private static final String ADDRESS = "https://api.acmehealth.example/r4";
    private static final BrandedPlan BRAND = new BrandedPlan(ACME, ADDRESS, Optional.of("Acme Health"),
        Optional.empty(), Optional.empty());

    private static PlanIdentityProviderConfig plan(String alias, String fhirBase, Optional<String> brandEndpoint,
                                                    Optional<BrandIdentifier> brand) {
        PlanIdentityProviderConfig plan = new PlanIdentityProviderConfig();
        plan.setAlias(alias);
        plan.getConfig().put(PlanIdentityProviderConfig.FHIR_BASE_URL, fhirBase);
        brandEndpoint.ifPresent(address -> plan.getConfig().put(PlanIdentityProviderConfig.BRAND_ENDPOINT, address));
        brand.ifPresent(id -> plan.getConfig().put(PlanIdentityProviderConfig.BRAND_IDENTIFIER, id.token()));
        return plan;
    }

    @Test
    void theImportedPlanOfTheEndpointIsFoundWhateverItsAliasOrCurrentFhirBase() {
        PlanIdentityProviderConfig renamed = plan("acme-renamed", "https://gateway.acmehealth.example/r4",
            Optional.of(ADDRESS), Optional.of(ACME));
        PlanIdentityProviderConfig handMade = plan("acme", ADDRESS, Optional.empty(), Optional.empty());

        assertEquals(Optional.of("acme-renamed"), BrandImport.planOf(BRAND, List.of(handMade, renamed))
            .map(PlanIdentityProviderConfig::getAlias));
    }

    @Test
    void aPlanMadeByHandWithTheEndpointAsFhirBaseIsThePlanOfTheBrandToo() {
        PlanIdentityProviderConfig handMade = plan("acme", ADDRESS + "/", Optional.empty(), Optional.empty());
        PlanIdentityProviderConfig other = plan("bayside", "https://fhir.bayside.example", Optional.empty(),
            Optional.empty());

        assertEquals(Optional.of("acme"), BrandImport.planOf(BRAND, List.of(other, handMade))
            .map(PlanIdentityProviderConfig::getAlias));
        assertEquals(Optional.empty(), BrandImport.planOf(BRAND, List.of(other)));
    }

    @Test
    void theAnswerListsEachPlanUnderWhatHappenedAndEveryRefusalWithItsReason() {
        BrandEndpoint pair = new BrandEndpoint("Organization/acme, Endpoint/acme-r4", BRAND, List.of("a note"));
        BrandImportReport report = new BrandImportReport(List.of(
            new ImportedPlan(ImportedPlan.Outcome.CREATED, "acmehealth", pair, false, List.of()),
            new ImportedPlan(ImportedPlan.Outcome.UPDATED, "acmehealth-2", pair, true, List.of("displayName"))),
            List.of(new RefusedEntry("entry 4", Optional.empty(), Optional.empty(), "not a brand")));

        String json = report.toJson().toString();

        assertEquals("{\"created\":[{\"alias\":\"acmehealth\",\"displayName\":\"Acme Health\",\"fhirBaseUrl\":\""
            + ADDRESS
            + "\",\"brandIdentifier\":\"urn:ietf:rfc:3986|https://acmehealth.example\",\"enabled\":false,\"source\":"
            + "\"Organization/acme, Endpoint/acme-r4\",\"notes\":[\"a "
                + "note\"]}],\"updated\":[{\"alias\":\"acmehealth-2\","
            + "\"displayName\":\"Acme Health\",\"fhirBaseUrl\":\"" + ADDRESS + "\",\"brandIdentifier\":"
            + "\"urn:ietf:rfc:3986|https://acmehealth.example\",\"enabled\":true,\"source\":\"Organization/acme, "
            + "Endpoint/acme-r4\",\"changed\":[\"displayName\"],\"notes\":[\"a note\"]}],\"unchanged\":[],\"refused\":"
            + "[{\"source\":\"entry 4\",\"reason\":\"not a brand\"}]}", json);
    }
}
