package dev.payeraccess.proxy;

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
}
