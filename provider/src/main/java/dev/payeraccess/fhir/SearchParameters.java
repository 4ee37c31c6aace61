package dev.payeraccess.fhir;

import java.util.Optional;
import java.util.Set;

/** What the proxy knows of FHIR R4 search parameters, so the {@link AccessPolicy} can check what a search reaches. */
public interface SearchParameters {

    /**
     * The types a reference search parameter of {@code type} can point at; empty when {@code parameter} is
     * not a reference parameter of that type.
     */
    Optional<Set<String>> referenceTargets(String type, String parameter);

    /** Whether {@code parameter} is a search parameter of {@code type} the proxy knows and forwards. */
    boolean isKnown(String type, String parameter);

    /**
     * The parameters of {@code type} that name the patient whose compartment a resource is in (e.g.
     * {@code patient} on ExplanationOfBenefit, {@code beneficiary} and {@code subscriber} on Coverage);
     * empty for types outside the Patient compartment (Organization, Practitioner, Location).
     */
    Set<String> patientParameters(String type);

    /**
     * The search parameter the proxy adds to a {@code patient/} caller's search of {@code type} that names no
     * patient, to keep it in the linked patient's compartment: {@code _id} for Patient, else {@code patient},
     * {@code subject} or the first of the type's Patient-compartment parameters (e.g. Coverage {@code beneficiary}).
     * A plan's API must know it for such searches to work. Empty for types outside the Patient compartment.
     */
    default Optional<String> pinningParameter(String type) {
        if (type.equals("Patient")) {
            return Optional.of("_id");
        }
        Set<String> named = patientParameters(type);
        return named.contains("patient") ? Optional.of("patient")
            : named.contains("subject") ? Optional.of("subject") : named.stream().sorted().findFirst();
    }

    /**
     * The element of {@code type} its {@link #pinningParameter pinning parameter} searches: whom a resource is about,
     * e.g. {@code beneficiary} of Coverage ({@code Coverage.beneficiary}), {@code patient} of ExplanationOfBenefit,
     * {@code subject} of Observation (its {@code patient} parameter is {@code Observation.subject.where(resolve() is
     * Patient)}). Always an element at the resource's top level; empty for Patient (its own id says whom it is about),
     * for types outside the Patient compartment, and where the path goes deeper, so that nothing is mistaken for it.
     */
    Optional<String> pinningElement(String type);

    /**
     * The top-level element of {@code type} a token {@code parameter} searches, when it is a coded element the proxy
     * can match itself ({@code category} of Observation and Condition, {@code type} of ExplanationOfBenefit): a code,
     * Coding or CodeableConcept, or a list of them. Empty for any other parameter, whose match the proxy cannot check.
     */
    default Optional<String> codedElement(String type, String parameter) {
        return Optional.empty();
    }
}
