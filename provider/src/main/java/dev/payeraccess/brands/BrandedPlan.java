package dev.payeraccess.brands;

import java.util.Objects;
import java.util.Optional;

/**
 * What a brand says about one of its FHIR endpoints, in the terms of a plan: the brand it belongs to, the
 * endpoint's address (the plan's FHIR base) and what members are shown. Read from a Brands Bundle to add or update
 * a plan, and written from a plan to export it.
 *
 * @param address the FHIR base, without a trailing slash
 * @param displayName the plan's name as members see it
 * @param logoUrl an https logo the plan picker can show
 * @param description one sentence under the name, e.g. who may connect
 */
public record BrandedPlan(BrandIdentifier brand, String address, Optional<String> displayName,
                          Optional<String> logoUrl, Optional<String> description) {

    public BrandedPlan {
        Objects.requireNonNull(brand, "brand");
        address = withoutTrailingSlash(Objects.requireNonNull(address, "address").trim());
        displayName = displayName.map(String::trim).filter(text -> !text.isEmpty());
        logoUrl = logoUrl.map(String::trim).filter(text -> !text.isEmpty());
        description = description.map(String::trim).filter(text -> !text.isEmpty());
    }

    /** Addresses are compared as the plan's configuration reads them: a trailing slash makes no other endpoint. */
    public static String withoutTrailingSlash(String url) {
        String trimmed = url;
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }
}
