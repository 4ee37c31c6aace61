package dev.payeraccess.brands;

import static dev.payeraccess.brands.BrandsBundleBuilder.portal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.payeraccess.plan.OutboundTargets;
import dev.payeraccess.plan.ResolverTable;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Endpoint;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.UrlType;
import org.junit.jupiter.api.Test;

/** Which (brand, endpoint) pairs of a Brands Bundle become plans, and why the others do not. */
class BrandsBundleReaderTest {

    private static final String ACME = "https://acmehealth.example";
    private static final String ACME_FHIR = "https://api.acmehealth.example/r4";

    private static BrandsBundle read(BrandsBundleBuilder builder) throws RefusedBundle {
        return BrandsBundle.read(builder.json(), ResolverTable.publicOnly());
    }

    /** The one refusal of a Bundle, which must add no plan. */
    private static RefusedEntry onlyRefusal(BrandsBundle read) {
        assertEquals(List.of(), read.endpoints(), "no plan expected");
        assertEquals(1, read.refused().size(), read.refused().toString());
        return read.refused().get(0);
    }

    @Test
    void aBrandWithOneEndpointIsOnePlanWithItsNameLogoAndFhirBase() throws Exception {
        BrandsBundle read = read(new BrandsBundleBuilder().brand("acme", "Acme Health", ACME, "acme-r4")
            .endpoint("acme-r4", ACME_FHIR + "/"));

        assertEquals(List.of(), read.refused());
        BrandEndpoint pair = read.endpoints().get(0);
        assertEquals("Organization/acme, Endpoint/acme-r4", pair.source());
        assertEquals(new BrandedPlan(new BrandIdentifier(Optional.of(BrandIdentifier.URL_SYSTEM), ACME), ACME_FHIR,
            Optional.of("Acme Health"), Optional.of(ACME + "/logo.svg"), Optional.empty()), pair.plan());
        assertEquals(List.of(), pair.notes());
    }

    @Test
    void aBrandWithTwoEndpointsIsTwoPlansNamedAndDescribedByTheirPortals() throws Exception {
        BrandsBundle read = read(new BrandsBundleBuilder()
            .brand("bayside", "Bayside Health", "https://bayside.example", portal("Members", "For members of our "
                + "employer plans.", "bayside-members").andThen(portal("Medicare", "For Medicare Advantage members.",
                "bayside-medicare")))
            .endpoint("bayside-members", "https://fhir.bayside.example/members")
            .endpoint("bayside-medicare", "https://fhir.bayside.example/medicare"));

        assertEquals(List.of(), read.refused());
        assertEquals(List.of("Bayside Health (Members)", "Bayside Health (Medicare)"), read.endpoints().stream()
            .map(pair -> pair.plan().displayName().orElseThrow()).toList());
        assertEquals(Optional.of("For Medicare Advantage members."), read.endpoints().get(1).plan().description());
        assertEquals("https://fhir.bayside.example/medicare", read.endpoints().get(1).plan().address());
    }

    @Test
    void absoluteReferencesAndFullUrlsFindTheirEndpoint() throws Exception {
        BrandsBundleBuilder builder = new BrandsBundleBuilder()
            .brand("acme", "Acme Health", ACME,
                brand -> brand.addEndpoint(new Reference("https://ehr.example/Endpoint/a")))
            .endpoint("a", ACME_FHIR);
        builder.bundle().getEntry().get(1).setFullUrl("https://ehr.example/Endpoint/a");

        assertEquals(ACME_FHIR, read(builder).endpoints().get(0).plan().address());
    }

    @Test
    void anEndpointOverPlainHttpIsRefusedButLoopbackIsAcceptedWithTheDevelopmentSwitch() throws Exception {
        BrandsBundle read = BrandsBundle.read(new BrandsBundleBuilder()
            .brand("acme", "Acme Health", ACME, "plain", "local")
            .endpoint("plain", "http://api.acmehealth.example/r4")
            .endpoint("local", "http://localhost:8090/r4").json(), ResolverTable.development());

        assertEquals(List.of("http://localhost:8090/r4"),
            read.endpoints().stream().map(p -> p.plan().address()).toList());
        RefusedEntry refused = read.refused().get(0);
        assertEquals("Organization/acme, Endpoint/plain", refused.source());
        assertEquals(Optional.of("Acme Health"), refused.brand());
        assertEquals(Optional.of("http://api.acmehealth.example/r4"), refused.address());
        assertTrue(refused.reason().contains("uses http://: health plan endpoints must use https://"),
            refused.reason());
    }

    @Test
    void anEndpointAtAPrivateAddressIsRefusedWithoutTheDevelopmentSwitch() throws Exception {
        RefusedEntry refused = onlyRefusal(BrandsBundle.read(new BrandsBundleBuilder()
            .brand("acme", "Acme Health", ACME, "inside")
            .endpoint("inside", "https://fhir.acmehealth.example/r4").json(), OutboundTargets.publicOnly(
                new ResolverTable().with("fhir.acmehealth.example", "192.168.4.20"))));

        assertEquals(Optional.of("https://fhir.acmehealth.example/r4"), refused.address());
        assertTrue(refused.reason().contains("Endpoint.address 'https://fhir.acmehealth.example/r4' is a private or "
            + "loopback address (192.168.4.20)"), refused.reason());
    }

    @Test
    void anEndpointThatIsNoFhirRestApiIsRefused() throws Exception {
        RefusedEntry refused = onlyRefusal(read(new BrandsBundleBuilder().brand("acme", "Acme Health", ACME, "direct")
            .endpoint("direct", ACME_FHIR, e -> e.setConnectionType(new Coding(
                UserAccessProfile.CONNECTION_TYPE_SYSTEM, "direct-project", null)))));

        assertTrue(refused.reason().startsWith("The endpoint's connectionType is 'direct-project', not hl7-fhir-rest"),
            refused.reason());
    }

    @Test
    void anEndpointThatIsNotActiveIsRefused() throws Exception {
        RefusedEntry refused = onlyRefusal(read(new BrandsBundleBuilder().brand("acme", "Acme Health", ACME, "off")
            .endpoint("off", ACME_FHIR, e -> e.setStatus(Endpoint.EndpointStatus.OFF))));

        assertTrue(refused.reason().startsWith("The endpoint's status is 'off', not active"), refused.reason());
    }

    @Test
    void anEndpointWithoutAddressIsRefused() throws Exception {
        RefusedEntry refused = onlyRefusal(read(new BrandsBundleBuilder().brand("acme", "Acme Health", ACME, "none")
            .endpoint("none", null)));

        assertTrue(refused.reason().startsWith("The endpoint has no address"), refused.reason());
        assertEquals(Optional.empty(), refused.address());
    }

    @Test
    void anEndpointOfAnotherFhirVersionIsRefused() throws Exception {
        RefusedEntry refused = onlyRefusal(read(new BrandsBundleBuilder().brand("acme", "Acme Health", ACME, "dstu2")
            .endpoint("dstu2", ACME_FHIR + "2", e -> e.getExtension().get(0).setValue(new CodeType("1.0.2")))));

        assertTrue(refused.reason().startsWith("The endpoint serves FHIR 1.0.2"), refused.reason());
    }

    @Test
    void aBrandWithoutIdentifierIsRefusedWithItsEndpoints() throws Exception {
        RefusedEntry refused = onlyRefusal(read(new BrandsBundleBuilder()
            .brand("acme", "Acme Health", ACME, brand -> {
                brand.getIdentifier().clear();
                brand.addEndpoint(new Reference("Endpoint/acme-r4"));
            })
            .endpoint("acme-r4", ACME_FHIR)));

        assertEquals("Organization/acme", refused.source());
        assertTrue(refused.reason().startsWith("The brand has no identifier"), refused.reason());
    }

    @Test
    void anInactiveBrandIsRefused() throws Exception {
        RefusedEntry refused = onlyRefusal(read(new BrandsBundleBuilder()
            .brand("acme", "Acme Health", ACME,
                brand -> brand.setActive(false).addEndpoint(new Reference("Endpoint/e")))
            .endpoint("e", ACME_FHIR)));

        assertTrue(refused.reason().startsWith("The brand is not active"), refused.reason());
    }

    @Test
    void anEntryThatIsNoBrandOrEndpointIsRefused() throws Exception {
        Patient patient = new Patient();
        patient.setId("someone");

        RefusedEntry refused = onlyRefusal(read(new BrandsBundleBuilder().add(patient)));

        assertEquals("entry 1", refused.source());
        assertTrue(refused.reason().startsWith("The entry is a Patient/someone, not an Organization (a brand) or an "
            + "Endpoint"), refused.reason());
    }

    @Test
    void anEndpointTheBrandListsButTheBundleLacksIsRefused() throws Exception {
        RefusedEntry refused = onlyRefusal(read(new BrandsBundleBuilder().brand("acme", "Acme Health", ACME, "gone")));

        assertEquals("Organization/acme, Endpoint/gone", refused.source());
        assertTrue(refused.reason().startsWith("The brand lists Endpoint/gone, which is not in the Bundle"),
            refused.reason());
    }

    @Test
    void anEndpointNoBrandListsIsRefused() throws Exception {
        RefusedEntry refused = onlyRefusal(read(new BrandsBundleBuilder().endpoint("stray", ACME_FHIR)));

        assertEquals("Endpoint/stray", refused.source());
        assertTrue(refused.reason().startsWith("No brand lists this endpoint"), refused.reason());
    }

    @Test
    void aSubBrandWithoutEndpointsIsRefusedNamingTheBrandItIsPartOf() throws Exception {
        BrandsBundle read = read(new BrandsBundleBuilder()
            .brand("acme", "Acme Health", ACME, "acme-r4")
            .brand("acme-tx", "Acme Health of Texas", "https://acmetexas.example",
                brand -> brand.setPartOf(new Reference("Organization/acme").setDisplay("Acme Health")))
            .endpoint("acme-r4", ACME_FHIR));

        assertEquals(1, read.endpoints().size());
        RefusedEntry refused = read.refused().get(0);
        assertEquals("Organization/acme-tx", refused.source());
        assertTrue(refused.reason().startsWith("The brand is part of Acme Health (Organization.partOf) and lists no "
            + "endpoint of its own"), refused.reason());
    }

    @Test
    void anEndpointTwoBrandsListIsThePlanOfTheFirst() throws Exception {
        BrandsBundle read = read(new BrandsBundleBuilder()
            .brand("brand1", "Brand One", "https://brand1.example", "shared")
            .brand("brand2", "Brand Two", "https://brand2.example", "shared")
            .endpoint("shared", ACME_FHIR));

        assertEquals(List.of("Brand One"), read.endpoints().stream().map(p -> p.plan().displayName().orElseThrow())
            .toList());
        RefusedEntry refused = read.refused().get(0);
        assertEquals("Organization/brand2, Endpoint/shared", refused.source());
        assertTrue(refused.reason().contains("listed by an earlier brand too (Organization/brand1, Endpoint/shared)"),
            refused.reason());
    }

    @Test
    void aLogoThatIsNoHttpsAddressIsLeftOutSayingSo() throws Exception {
        BrandsBundle read = read(new BrandsBundleBuilder()
            .brand("acme", "Acme Health", ACME, brand -> {
                brand.addExtension().setUrl(UserAccessProfile.BRAND).addExtension(UserAccessProfile.BRAND_LOGO,
                    new UrlType("data:image/svg+xml;base64,PHN2Zz48L3N2Zz4="));
                brand.addEndpoint(new Reference("Endpoint/e"));
            })
            .endpoint("e", ACME_FHIR));

        BrandEndpoint pair = read.endpoints().get(0);
        assertEquals(Optional.empty(), pair.plan().logoUrl());
        assertTrue(pair.notes().get(0).startsWith("The brand's logo is inline (a data: URL)"), pair.notes().toString());
    }

    @Test
    void aBodyThatIsNoBrandsBundleIsRefusedSayingWhatItIs() {
        assertTrue(refusal("").startsWith("The body is empty"));
        assertTrue(refusal("{\"resourceType\": \"Bundle\", ").startsWith("The body is not FHIR JSON"));
        assertTrue(refusal("{\"resourceType\": \"Patient\"}").startsWith("The body is a Patient, not a Bundle"));
        assertTrue(refusal("{\"resourceType\": \"Bundle\", \"type\": \"transaction\"}")
            .startsWith("The Bundle's type is transaction"));
    }

    @Test
    void anEmptyCollectionAddsNothingAndRefusesNothing() throws Exception {
        BrandsBundle read = BrandsBundle.read("{\"resourceType\": \"Bundle\", \"type\": \"collection\"}",
            ResolverTable.publicOnly());

        assertEquals(new BrandsBundle(List.of(), List.of()), read);
    }

    private static String refusal(String body) {
        return assertThrows(RefusedBundle.class, () -> BrandsBundle.read(body, ResolverTable.publicOnly()))
            .getMessage();
    }
}
