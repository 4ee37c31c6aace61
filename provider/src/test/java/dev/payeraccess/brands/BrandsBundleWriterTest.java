package dev.payeraccess.brands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.payeraccess.broker.PlanIdentityProviderConfig;
import dev.payeraccess.plan.ResolverTable;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Endpoint;
import org.hl7.fhir.r4.model.Organization;
import org.junit.jupiter.api.Test;

/** The realm's plans as a Brands Bundle: the shape the profiles ask for, and read back as the same plans. */
class BrandsBundleWriterTest {

    private static final BrandIdentifier BAYSIDE = new BrandIdentifier(Optional.of(BrandIdentifier.URL_SYSTEM),
        "https://bayside.example");
    private static final String DIRECTORY = "https://keycloak.example.org/realms/org-a/payer-access/payers";

    private static ListedPlan plan(String alias, BrandIdentifier brand, String address, String name) {
        return new ListedPlan(alias, new BrandedPlan(brand, address, Optional.of(name),
            Optional.of("https://cdn.example/" + alias + ".svg"), Optional.of("Members of " + name + ".")));
    }

    private final List<ListedPlan> plans = List.of(
        plan("bayside-10", BAYSIDE, "https://fhir.bayside.example/ten", "Bayside Health (Ten)"),
        plan("bayside-2", BAYSIDE, "https://fhir.bayside.example/medicare", "Bayside Health (Medicare)"),
        plan("bayside", BAYSIDE, "https://fhir.bayside.example/members", "Bayside Health (Members)"),
        plan("my_plan", new BrandIdentifier(Optional.of(DIRECTORY), "my_plan"), "https://api.plan.example/r4",
            "My Plan"));

    @Test
    void theBundleReadsBackAsTheSamePlansInTheOrderThatGivesThemTheSameAliases() throws Exception {
        String json = BrandsBundleWriter.json(BrandsBundleWriter.stamped(BrandsBundleWriter.bundle(plans), new Date()));

        BrandsBundle read = BrandsBundle.read(json, ResolverTable.publicOnly());

        assertEquals(List.of(), read.refused());
        assertEquals(List.of(plans.get(2).plan(), plans.get(1).plan(), plans.get(0).plan(), plans.get(3).plan()),
            read.endpoints().stream().map(BrandEndpoint::plan).toList());
        assertEquals(List.of("bayside", "bayside", "bayside", "my-plan"), read.endpoints().stream()
            .map(pair -> BrandAliases.base(pair.plan().brand())).toList());
    }

    @Test
    void theStreamedBundleIsTheBundleWrittenWhole() throws Exception {
        Date now = new Date();
        ByteArrayOutputStream streamed = new ByteArrayOutputStream();

        BrandsBundleWriter.write(plans, now, streamed);

        ObjectMapper json = new ObjectMapper();
        assertEquals(json.readTree(BrandsBundleWriter.json(BrandsBundleWriter.stamped(BrandsBundleWriter.bundle(plans),
            now))), json.readTree(streamed.toString(StandardCharsets.UTF_8)));
        ByteArrayOutputStream empty = new ByteArrayOutputStream();
        BrandsBundleWriter.write(List.of(), now, empty);
        assertFalse(empty.toString(StandardCharsets.UTF_8).contains("entry"), "FHIR JSON has no empty arrays");
    }

    @Test
    void theTagChangesWithWhatTheBundleListsAndOnlyThen() {
        String tag = BrandsBundleWriter.tag(plans);

        assertEquals(tag, BrandsBundleWriter.tag(List.copyOf(plans)));
        assertFalse(tag.equals(BrandsBundleWriter.tag(plans.subList(1, 4))));
        List<ListedPlan> renamed = List.of(plans.get(0), plans.get(1), plans.get(2), plan("my_plan",
            new BrandIdentifier(Optional.of(DIRECTORY), "my_plan"), "https://api.plan.example/r4", "My Plan!"));
        assertFalse(tag.equals(BrandsBundleWriter.tag(renamed)));
    }

    @Test
    void eachPlanIsABrandAndAnEndpointAsTheUserAccessProfilesAsk() {
        Bundle bundle = BrandsBundleWriter.stamped(BrandsBundleWriter.bundle(plans.subList(2, 4)), new Date());

        assertEquals(Bundle.BundleType.COLLECTION, bundle.getType());
        assertTrue(bundle.hasTimestamp() && bundle.getMeta().hasLastUpdated());
        Organization brand = (Organization) bundle.getEntry().get(0).getResource();
        assertEquals("bayside", brand.getIdElement().getIdPart());
        assertEquals("https://bayside.example", brand.getIdentifierFirstRep().getValue());
        assertEquals("https://bayside.example", brand.getTelecomFirstRep().getValue(),
            "a website identifier is the website");
        assertEquals("Endpoint/bayside", brand.getEndpointFirstRep().getReference());
        assertEquals("https://cdn.example/bayside.svg", brand.getExtensionByUrl(UserAccessProfile.BRAND)
            .getExtensionByUrl(UserAccessProfile.BRAND_LOGO).getValue().primitiveValue());
        Organization own = (Organization) bundle.getEntry().get(1).getResource();
        assertEquals("my-plan", own.getIdElement().getIdPart(), "an alias as a FHIR id");
        assertEquals(null, own.getTelecomFirstRep().getValue(), "no website known");
        assertTrue(own.getTelecomFirstRep().getValueElement().hasExtension(UserAccessProfile.DATA_ABSENT_REASON));
        Endpoint endpoint = (Endpoint) bundle.getEntry().get(2).getResource();
        assertEquals("https://fhir.bayside.example/members", endpoint.getAddress());
        assertEquals(Endpoint.EndpointStatus.ACTIVE, endpoint.getStatus());
        assertEquals("hl7-fhir-rest", endpoint.getConnectionType().getCode());
        assertEquals("4.0.1", endpoint.getExtensionByUrl(UserAccessProfile.FHIR_VERSION).getValue().primitiveValue());
        assertEquals("none", endpoint.getPayloadTypeFirstRep().getCodingFirstRep().getCode());
        assertTrue(endpoint.getContactFirstRep().getValueElement().hasExtension(UserAccessProfile.DATA_ABSENT_REASON));
    }

    @Test
    void aPlanMadeInTheConsoleIsItsOwnBrandAndAnImportedOneKeepsItsBrand() {
        PlanIdentityProviderConfig handMade = new PlanIdentityProviderConfig();
        handMade.setAlias("acme");
        handMade.getConfig().put(PlanIdentityProviderConfig.FHIR_BASE_URL, "https://api.acme.example/r4/");
        handMade.getConfig().put(PlanIdentityProviderConfig.CLIENT_ID, "acme-client");
        PlanIdentityProviderConfig imported = new PlanIdentityProviderConfig();
        imported.setAlias("bayside-2");
        imported.setDisplayName("Bayside Health (Medicare)");
        imported.getConfig().put(PlanIdentityProviderConfig.FHIR_BASE_URL, "https://fhir.bayside.example/medicare");
        imported.getConfig().put(PlanIdentityProviderConfig.BRAND_IDENTIFIER, BAYSIDE.token());

        BrandedPlan own = PlanBrands.of(handMade, DIRECTORY);
        BrandedPlan brand = PlanBrands.of(imported, DIRECTORY);

        assertEquals(new BrandedPlan(new BrandIdentifier(Optional.of(DIRECTORY), "acme"), "https://api.acme.example/r4",
            Optional.of("acme"), Optional.empty(), Optional.empty()), own);
        assertEquals("acme", BrandAliases.base(own.brand()), "imported elsewhere, it gets its alias again");
        assertEquals(BAYSIDE, brand.brand());
        assertEquals(Optional.of("Bayside Health (Medicare)"), brand.displayName());
        assertFalse(BrandsBundleWriter.json(BrandsBundleWriter.bundle(List.of(new ListedPlan("acme", own))))
            .contains("acme-client"), "never a client id");
    }
}
