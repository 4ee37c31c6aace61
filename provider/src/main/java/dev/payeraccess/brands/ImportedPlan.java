package dev.payeraccess.brands;

import java.util.List;

/**
 * What an import of a Brands Bundle did with one (brand, endpoint) pair that is a plan of the realm.
 *
 * @param alias the plan's alias in the realm
 * @param enabled whether the plan is offered to members; a created plan waits disabled for its credentials
 * @param changed for {@link Outcome#UPDATED}, the settings the brand changed ({@code displayName}, {@code logoUrl},
 *     {@code planDescription})
 */
public record ImportedPlan(Outcome outcome, String alias, BrandEndpoint pair, boolean enabled, List<String> changed) {

    public enum Outcome {
        CREATED, UPDATED, UNCHANGED
    }

    public ImportedPlan {
        changed = List.copyOf(changed);
    }
}
