package dev.payeraccess.brands;

import java.util.Objects;

/** One of the realm's plans as the exported Brands Bundle lists it: its alias (the resources' id) and its brand. */
public record ListedPlan(String alias, BrandedPlan plan) {

    public ListedPlan {
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(plan, "plan");
    }
}
