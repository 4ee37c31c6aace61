package dev.payeraccess.sandbox.fhir.rest;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.util.FhirTerser;
import dev.payeraccess.sandbox.fhir.records.VisibleRecords;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Resolves {@code _include} and {@code _revinclude} for one page of matches. Only records the caller may
 * see are ever added, each at most once and never one that is already a match; {@code :iterate}
 * includes are followed from the added resources until nothing new turns up.
 */
final class Inclusions {

    private static final String WILDCARD = "*";

    private final FhirTerser terser;

    Inclusions(FhirContext fhir) {
        this.terser = fhir.newTerser();
    }

    List<Resource> resolve(List<Resource> matches, Set<Include> includes, Set<Include> revIncludes,
                           VisibleRecords visible) {
        Set<ResourceKey> seen = new HashSet<>();
        matches.forEach(match -> seen.add(ResourceKey.of(match)));
        List<Resource> added = new ArrayList<>();
        List<Resource> frontier = matches;
        boolean firstPass = true;
        while (!frontier.isEmpty()) {
            List<Resource> found = new ArrayList<>(referenced(frontier, applicable(includes, firstPass), visible));
            found.addAll(referencing(frontier, applicable(revIncludes, firstPass), visible));
            List<Resource> fresh = new ArrayList<>();
            for (Resource resource : found) {
                if (seen.add(ResourceKey.of(resource))) {
                    fresh.add(resource);
                }
            }
            added.addAll(fresh);
            frontier = fresh;
            firstPass = false;
        }
        return added;
    }

    /** All includes on the matches themselves; afterwards only the {@code :iterate} ones. */
    private static List<Include> applicable(Set<Include> includes, boolean firstPass) {
        return includes.stream().filter(include -> firstPass || include.isRecurse()).toList();
    }

    /** {@code _include}: what the resources point at. */
    private List<Resource> referenced(List<Resource> resources, List<Include> includes, VisibleRecords visible) {
        List<Resource> found = new ArrayList<>();
        for (Resource resource : resources) {
            for (Include include : includes) {
                targets(resource, include).forEach(key -> visible.find(key.type(), key.id()).ifPresent(found::add));
            }
        }
        return found;
    }

    /** {@code _revinclude}: the visible records that point at any of the resources. */
    private List<Resource> referencing(List<Resource> resources, List<Include> revIncludes, VisibleRecords visible) {
        Set<ResourceKey> keys = new HashSet<>();
        resources.forEach(resource -> keys.add(ResourceKey.of(resource)));
        List<Resource> found = new ArrayList<>();
        for (Include include : revIncludes) {
            String sourceType = include.getParamType();
            List<Resource> candidates = sourceType == null ? visible.all() : visible.ofType(sourceType);
            for (Resource candidate : candidates) {
                if (targets(candidate, include).stream().anyMatch(keys::contains)) {
                    found.add(candidate);
                }
            }
        }
        return found;
    }

    /** What {@code resource} references through the parameter {@code include} names. */
    private List<ResourceKey> targets(Resource resource, Include include) {
        if (include.getParamType() != null && !resource.fhirType().equals(include.getParamType())) {
            return List.of();
        }
        if (isWildcard(include)) {
            return terser.getAllResourceReferences(resource).stream()
                .flatMap(info -> ResourceKey.of((Reference) info.getResourceReference()).stream())
                .toList();
        }
        return IncludePaths.of(include.getParamType(), include.getParamName())
            .map(path -> terser.getValues(resource, path.path(), Reference.class).stream()
                .flatMap(reference -> ResourceKey.of(reference).stream())
                .filter(path::reaches)
                .filter(key -> include.getParamTargetType() == null || include.getParamTargetType().equals(key.type()))
                .toList())
            .orElse(List.of());
    }

    /** {@code *} and {@code Type:*} follow every reference. */
    private static boolean isWildcard(Include include) {
        return WILDCARD.equals(include.getValue()) || WILDCARD.equals(include.getParamName());
    }
}
