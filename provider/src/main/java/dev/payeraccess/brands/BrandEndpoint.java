package dev.payeraccess.brands;

import java.util.List;

/**
 * One (brand, FHIR endpoint) pair of a Brands Bundle that can become a plan.
 *
 * @param source where it is in the Bundle, e.g. {@code Organization/acme, Endpoint/acme-r4}
 * @param plan what the pair says about the plan
 * @param notes what of the brand could not be taken over, and why (e.g. a logo that is no https URL)
 */
public record BrandEndpoint(String source, BrandedPlan plan, List<String> notes) {

    public BrandEndpoint {
        notes = List.copyOf(notes);
    }
}
