package dev.payeraccess.brands;

import java.util.Optional;

/**
 * A part of a Brands Bundle that adds no plan, and why: a message naming what to fix in the Bundle.
 *
 * @param source where it is in the Bundle, e.g. {@code Organization/acme, Endpoint/acme-r2} or {@code entry 7}
 * @param brand the brand's name, when the entry belongs to a brand that has one
 * @param address the endpoint's address, when there is one
 */
public record RefusedEntry(String source, Optional<String> brand, Optional<String> address, String reason) {
}
