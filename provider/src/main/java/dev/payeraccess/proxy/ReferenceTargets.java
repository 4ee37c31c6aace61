package dev.payeraccess.proxy;

import java.util.Optional;
import java.util.Set;

/** The resource types a reference search parameter of a type can point at, as the FHIR R4 spec defines them. */
@FunctionalInterface
public interface ReferenceTargets {

    /** Empty when the parameter is unknown or is not a reference. */
    Optional<Set<String>> of(String resourceType, String parameter);
}
