package dev.payeraccess.proxy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.rest.api.RestSearchParameterTypeEnum;
import java.util.Optional;
import java.util.Set;

/** {@link ReferenceTargets} from the search parameter definitions HAPI carries for FHIR R4. */
public final class HapiReferenceTargets implements ReferenceTargets {

    private final FhirContext fhir;

    public HapiReferenceTargets(FhirContext fhir) {
        this.fhir = fhir;
    }

    @Override
    public Optional<Set<String>> of(String resourceType, String parameter) {
        RuntimeResourceDefinition definition;
        try {
            definition = fhir.getResourceDefinition(resourceType);
        } catch (RuntimeException unknownType) {
            return Optional.empty();
        }
        RuntimeSearchParam param = definition.getSearchParam(parameter);
        if (param == null || param.getParamType() != RestSearchParameterTypeEnum.REFERENCE) {
            return Optional.empty();
        }
        Set<String> targets = param.getTargets();
        return Optional.of(targets.isEmpty() ? fhir.getResourceTypes() : Set.copyOf(targets));
    }
}
