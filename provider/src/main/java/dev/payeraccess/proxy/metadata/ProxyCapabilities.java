package dev.payeraccess.proxy.metadata;

import dev.payeraccess.fhir.R4;
import dev.payeraccess.plan.PlanCapabilities;
import java.util.Collection;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementKind;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceSearchParamComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.RestfulCapabilityMode;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Enumerations.FHIRVersion;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.UriType;

/**
 * What the proxy offers for one plan, as a FHIR R4 {@code CapabilityStatement}: read, vread and search of
 * the types the administrator allows with the searches of {@link CapabilitySearches}, {@code Patient/[id]/$everything}
 * when Patient is one of them, JSON only, and SMART on FHIR
 * security pointing at this realm's own
 * authorization server (apps never see the plan's).
 *
 * @param authorizeUrl this realm's authorization endpoint
 * @param tokenUrl this realm's token endpoint
 */
public record ProxyCapabilities(String proxyBase, String planName, Map<String, CapabilitySearches.Declared> searches,
                                String authorizeUrl, String tokenUrl, String revokeUrl) {

    /**
     * @param allowedTypes the types the administrator allows for the plan
     * @param plan what the plan's own CapabilityStatement declared, when the health probe has read it
     */
    public static ProxyCapabilities of(String proxyBase, String planName, Collection<String> allowedTypes,
                                Optional<PlanCapabilities> plan, String authorizeUrl, String tokenUrl,
                                    String revokeUrl) {
        return new ProxyCapabilities(proxyBase, planName, CapabilitySearches.of(allowedTypes, plan, R4.context()),
            authorizeUrl, tokenUrl, revokeUrl);
    }

    private static final String PATIENT_EVERYTHING = "http://hl7.org/fhir/OperationDefinition/Patient-everything";
    private static final String OAUTH_URIS = "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris";

    public CapabilityStatement toCapabilityStatement() {
        CapabilityStatement statement = new CapabilityStatement();
        statement.setStatus(PublicationStatus.ACTIVE)
            .setDate(new Date())
            .setKind(CapabilityStatementKind.INSTANCE)
            .setFhirVersion(FHIRVersion._4_0_1)
            .addFormat("json")
            .setPublisher("keycloak-payer-access");
        statement.getSoftware().setName("keycloak-payer-access FHIR proxy");
        statement.getImplementation().setUrl(proxyBase)
            .setDescription("Read-only access to " + planName + " for members who linked it");
        CapabilityStatementRestComponent rest = statement.addRest().setMode(RestfulCapabilityMode.SERVER);
        security(rest);
        searches.keySet().stream().sorted().forEach(type -> resource(rest.addResource(), type, searches.get(type)));
        return statement;
    }

    private void security(CapabilityStatementRestComponent rest) {
        CodeableConcept smart = new CodeableConcept();
        smart.addCoding().setSystem("http://terminology.hl7.org/CodeSystem/restful-security-service")
            .setCode("SMART-on-FHIR").setDisplay("SMART-on-FHIR");
        rest.getSecurity().setCors(false).addService(smart)
            .setDescription("OAuth 2.0 bearer tokens of this Keycloak realm with SMART scopes, e.g. patient/*.read");
        Extension uris = rest.getSecurity().addExtension().setUrl(OAUTH_URIS);
        uris.addExtension("authorize", new UriType(authorizeUrl));
        uris.addExtension("token", new UriType(tokenUrl));
        uris.addExtension("revoke", new UriType(revokeUrl));
    }

    private static void resource(CapabilityStatementRestResourceComponent resource, String type,
                                 CapabilitySearches.Declared declared) {
        resource.setType(type)
            .setReadHistory(false)
            .setUpdateCreate(false)
            .setConditionalCreate(false)
            .setConditionalUpdate(false);
        resource.addInteraction().setCode(TypeRestfulInteraction.READ);
        resource.addInteraction().setCode(TypeRestfulInteraction.VREAD);
        resource.addInteraction().setCode(TypeRestfulInteraction.SEARCHTYPE);
        declared.params().forEach(p -> {
            CapabilityStatementRestResourceSearchParamComponent param = resource.addSearchParam().setName(p.name());
            try {
                param.setType(Enumerations.SearchParamType.fromCode(p.type()));
            } catch (org.hl7.fhir.exceptions.FHIRException unknownType) {
                param.setType(Enumerations.SearchParamType.STRING);
            }
        });
        declared.includes().forEach(resource::addSearchInclude);
        declared.revIncludes().forEach(resource::addSearchRevInclude);
        if (type.equals("Patient")) {
            // Served for every plan: forwarded where the plan declares it, emulated by searches where it does not.
            resource.addOperation().setName("everything").setDefinition(PATIENT_EVERYTHING);
        }
    }
}
