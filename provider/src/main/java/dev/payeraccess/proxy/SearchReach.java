package dev.payeraccess.proxy;

import dev.payeraccess.fhir.FhirProblemException;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The other resource types a search reaches through its parameters, checked against the
 * {@link ScopePolicy} before the plan is called:
 * <ul>
 *   <li>{@code _revinclude=Source:param}: returns resources of {@code Source};</li>
 *   <li>{@code _include=Type:param:Target}: returns resources of the named {@code Target};</li>
 *   <li>a chain {@code param.field=} or {@code param:Target.field=}: filters by data of the target type,
 *       so every type the reference can point at must be readable (HAPI's R4 definitions say which);</li>
 *   <li>{@code _has:Source:param:field=}: filters by data of {@code Source}.</li>
 * </ul>
 * An {@code _include} without a target type ({@code ExplanationOfBenefit:provider}, {@code *}) is
 * forwarded: whatever it brings back that the caller may not read is removed from the answer instead,
 * so asking for an include never costs the app its main results.
 */
public final class SearchReach {

    private final ReferenceTargets targets;

    public SearchReach(ReferenceTargets targets) {
        this.targets = targets;
    }

    /** @throws FhirProblemException 403 naming the first reached type the caller may not read, or 400 */
    public void check(FhirRequest request, ScopePolicy policy) throws FhirProblemException {
        if (request.type().isEmpty()) {
            return;
        }
        String type = request.type().get();
        for (SearchParameter p : request.parameters()) {
            for (String reached : reached(type, p)) {
                if (!policy.mayReturn(reached)) {
                    throw new FhirProblemException(403, "forbidden", "Parameter " + p.name() + " reaches " + reached
                        + ", which this caller may not read: " + policy.refusal(reached, Access.SEARCH).orElse(""));
                }
            }
        }
    }

    private Set<String> reached(String type, SearchParameter p) throws FhirProblemException {
        String name = p.name();
        if (name.equals("_revinclude") || name.startsWith("_revinclude:")) {
            return Set.of(firstPart(p.value()));
        }
        if (name.equals("_include") || name.startsWith("_include:")) {
            String[] parts = p.value().split(":");
            return parts.length >= 3 ? Set.of(parts[2]) : Set.of();
        }
        if (name.startsWith("_has:")) {
            String[] parts = name.split(":");
            return parts.length >= 2 ? Set.of(parts[1]) : Set.of();
        }
        int dot = name.indexOf('.');
        return dot > 0 ? chained(type, name.substring(0, dot)) : Set.of();
    }

    private Set<String> chained(String type, String reference) throws FhirProblemException {
        int colon = reference.indexOf(':');
        if (colon > 0) {
            return Set.of(reference.substring(colon + 1));
        }
        Optional<Set<String>> possible = targets.of(type, reference);
        if (possible.isEmpty()) {
            throw new FhirProblemException(400, "invalid", "Chained parameter '" + reference + ".' is not a reference "
                + "search parameter of " + type + "; name the target type, e.g. " + reference + ":Patient.name.");
        }
        return new LinkedHashSet<>(possible.get());
    }

    private static String firstPart(String value) {
        int colon = value.indexOf(':');
        return colon < 0 ? value : value.substring(0, colon);
    }
}
