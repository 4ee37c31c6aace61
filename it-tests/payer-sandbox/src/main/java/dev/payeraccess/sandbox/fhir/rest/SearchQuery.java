package dev.payeraccess.sandbox.fhir.rest;

import ca.uhn.fhir.model.api.Include;
import java.util.Set;
import java.util.function.Predicate;
import org.hl7.fhir.r4.model.Resource;

/** A search as a provider understood it: which records match, what to include, which page to show. */
record SearchQuery<T extends Resource>(Predicate<T> criteria, Set<Include> includes, Set<Include> revIncludes,
                                       PageWindow window) {

    SearchQuery {
        includes = includes == null ? Set.of() : includes;
        revIncludes = revIncludes == null ? Set.of() : revIncludes;
    }
}
