package dev.payeraccess.sandbox.fhir.rest;

import java.util.Map;
import java.util.Optional;

/**
 * Where the reference search parameters that {@code _include} and {@code _revinclude} follow point,
 * by {@code Type:name}: the R4 (and CARIN, for {@code ExplanationOfBenefit:insurer}) definitions of
 * the parameters the sandbox's resources carry.
 */
final class IncludePaths {

    /**
     * @param targetType the only type the parameter reaches through this path ({@code Patient} for
     *     {@code patient}); {@code null} for any
     */
    record IncludePath(String path, String targetType) {

        boolean reaches(ResourceKey key) {
            return targetType == null || targetType.equals(key.type());
        }
    }

    private static final Map<String, IncludePath> PATHS = Map.ofEntries(
        entry("ExplanationOfBenefit:patient", "ExplanationOfBenefit.patient", "Patient"),
        entry("ExplanationOfBenefit:coverage", "ExplanationOfBenefit.insurance.coverage", "Coverage"),
        entry("ExplanationOfBenefit:provider", "ExplanationOfBenefit.provider", null),
        entry("ExplanationOfBenefit:insurer", "ExplanationOfBenefit.insurer", "Organization"),
        entry("ExplanationOfBenefit:care-team", "ExplanationOfBenefit.careTeam.provider", null),
        entry("ExplanationOfBenefit:facility", "ExplanationOfBenefit.facility", "Location"),
        entry("ExplanationOfBenefit:payee", "ExplanationOfBenefit.payee.party", null),
        entry("Coverage:payor", "Coverage.payor", null),
        entry("Coverage:beneficiary", "Coverage.beneficiary", "Patient"),
        entry("Coverage:patient", "Coverage.beneficiary", "Patient"),
        entry("Coverage:subscriber", "Coverage.subscriber", null),
        entry("Patient:general-practitioner", "Patient.generalPractitioner", null),
        entry("Patient:organization", "Patient.managingOrganization", "Organization"),
        entry("Encounter:patient", "Encounter.subject", "Patient"),
        entry("Encounter:subject", "Encounter.subject", null),
        entry("Encounter:practitioner", "Encounter.participant.individual", "Practitioner"),
        entry("Encounter:participant", "Encounter.participant.individual", null),
        entry("Encounter:service-provider", "Encounter.serviceProvider", "Organization"),
        entry("Encounter:location", "Encounter.location.location", "Location"),
        entry("AllergyIntolerance:patient", "AllergyIntolerance.patient", "Patient"),
        entry("MedicationRequest:patient", "MedicationRequest.subject", "Patient"),
        entry("MedicationRequest:subject", "MedicationRequest.subject", null),
        entry("MedicationRequest:requester", "MedicationRequest.requester", null),
        entry("Observation:patient", "Observation.subject", "Patient"),
        entry("Observation:subject", "Observation.subject", null),
        entry("Observation:encounter", "Observation.encounter", "Encounter"),
        entry("Observation:performer", "Observation.performer", null),
        entry("Location:organization", "Location.managingOrganization", "Organization"));

    private IncludePaths() {
    }

    /** The path of {@code Type:name}; empty for parameters the sandbox does not know. */
    static Optional<IncludePath> of(String resourceType, String parameter) {
        return Optional.ofNullable(PATHS.get(resourceType + ":" + parameter));
    }

    private static Map.Entry<String, IncludePath> entry(String parameter, String path, String targetType) {
        return Map.entry(parameter, new IncludePath(path, targetType));
    }
}
