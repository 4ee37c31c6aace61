package dev.payeraccess.brands;

/**
 * The names SMART App Launch 2.2's User-access Brands profiles use (UserAccessBrandsBundle, UserAccessBrand on
 * Organization, UserAccessEndpoint), shared by the reader and the writer of Brands Bundles.
 */
final class UserAccessProfile {

    /** {@code Organization.extension}: the brand's logo ({@code brandLogo}), its license, its own Bundle. */
    static final String BRAND = "http://hl7.org/fhir/StructureDefinition/organization-brand";
    static final String BRAND_LOGO = "brandLogo";
    /** {@code Organization.extension}, repeated per portal: its name, description, logo and endpoints. */
    static final String PORTAL = "http://hl7.org/fhir/StructureDefinition/organization-portal";
    static final String PORTAL_NAME = "portalName";
    static final String PORTAL_DESCRIPTION = "portalDescription";
    static final String PORTAL_ENDPOINT = "portalEndpoint";
    /** {@code Endpoint.extension}: the FHIR version(s) the endpoint serves, e.g. {@code 4.0.1}. */
    static final String FHIR_VERSION = "http://hl7.org/fhir/StructureDefinition/endpoint-fhir-version";
    /** The versions of FHIR R4, the release this extension proxies. */
    static final String R4_VERSION_PREFIX = "4.0.";
    static final String R4_VERSION = "4.0.1";
    /** {@code Endpoint.connectionType}, fixed by the profile: a FHIR REST API. */
    static final String CONNECTION_TYPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/endpoint-connection-type";
    static final String FHIR_REST = "hl7-fhir-rest";
    /** {@code Endpoint.payloadType}: the profile's placeholder, as R4 requires one. */
    static final String PAYLOAD_TYPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/endpoint-payload-type";
    static final String PAYLOAD_NONE = "none";
    /**
     * For a required element the publisher does not know; the profile allows only {@value #ASKED_UNKNOWN} and
     * {@code asked-declined}.
     */
    static final String DATA_ABSENT_REASON = "http://hl7.org/fhir/StructureDefinition/data-absent-reason";
    static final String ASKED_UNKNOWN = "asked-unknown";

    private UserAccessProfile() {
    }
}
