package dev.payeraccess.brands;

import dev.payeraccess.fhir.R4;
import java.util.function.Consumer;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Endpoint;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.MarkdownType;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UrlType;

/** Brands Bundles for the tests, shaped as SMART App Launch 2.2's examples: brands first, then their endpoints. */
final class BrandsBundleBuilder {

    private final Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);

    /**
     * A brand with a website identifier, a logo and {@code Organization.endpoint} references to {@code endpointIds}.
     */
    BrandsBundleBuilder brand(String id, String name, String website, String... endpointIds) {
        return brand(id, name, website, brand -> {
            brand.addExtension().setUrl(UserAccessProfile.BRAND)
                .addExtension(UserAccessProfile.BRAND_LOGO, new UrlType(website + "/logo.svg"));
            for (String endpoint : endpointIds) {
                brand.addEndpoint(new Reference("Endpoint/" + endpoint));
            }
        });
    }

    BrandsBundleBuilder brand(String id, String name, String website, Consumer<Organization> change) {
        Organization brand = new Organization();
        brand.setId(id);
        brand.addIdentifier().setSystem(BrandIdentifier.URL_SYSTEM).setValue(website);
        brand.setActive(true);
        brand.setName(name);
        brand.addTelecom().setSystem(org.hl7.fhir.r4.model.ContactPoint.ContactPointSystem.URL).setValue(website);
        change.accept(brand);
        return add(brand);
    }

    /** An active FHIR R4 endpoint. */
    BrandsBundleBuilder endpoint(String id, String address) {
        return endpoint(id, address, endpoint -> { });
    }

    BrandsBundleBuilder endpoint(String id, String address, Consumer<Endpoint> change) {
        Endpoint endpoint = new Endpoint();
        endpoint.setId(id);
        endpoint.addExtension(UserAccessProfile.FHIR_VERSION, new CodeType("4.0.1"));
        endpoint.setStatus(Endpoint.EndpointStatus.ACTIVE);
        endpoint.setConnectionType(new Coding(UserAccessProfile.CONNECTION_TYPE_SYSTEM, "hl7-fhir-rest", null));
        endpoint.setName("FHIR R4 endpoint " + id);
        endpoint.setAddress(address);
        change.accept(endpoint);
        return add(endpoint);
    }

    BrandsBundleBuilder add(Resource resource) {
        bundle.addEntry().setResource(resource);
        return this;
    }

    /** A portal of the brand: name, description, and the endpoint it offers. */
    static Consumer<Organization> portal(String name, String description, String endpointId) {
        return brand -> {
            Extension portal = brand.addExtension().setUrl(UserAccessProfile.PORTAL);
            portal.addExtension(UserAccessProfile.PORTAL_NAME, new StringType(name));
            portal.addExtension(UserAccessProfile.PORTAL_DESCRIPTION, new MarkdownType(description));
            portal.addExtension(UserAccessProfile.PORTAL_ENDPOINT, new Reference("Endpoint/" + endpointId));
            brand.addEndpoint(new Reference("Endpoint/" + endpointId));
        };
    }

    Bundle bundle() {
        return bundle;
    }

    String json() {
        return R4.context().newJsonParser().encodeResourceToString(bundle);
    }
}
