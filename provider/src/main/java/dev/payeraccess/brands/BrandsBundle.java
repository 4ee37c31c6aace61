package dev.payeraccess.brands;

import dev.payeraccess.plan.OutboundTargets;
import java.util.List;

/**
 * A SMART App Launch 2.2 User-access Brands Bundle as this extension reads it: the (brand, FHIR endpoint) pairs
 * that can become plans, in the Bundle's order, and every part that cannot, with the reason.
 */
public record BrandsBundle(List<BrandEndpoint> endpoints, List<RefusedEntry> refused) {

    public BrandsBundle {
        endpoints = List.copyOf(endpoints);
        refused = List.copyOf(refused);
    }

    /**
     * Reads a Brands Bundle (FHIR R4 JSON).
     *
     * @param targets where this node may call: an endpoint whose address it refuses does not become a plan
     * @throws RefusedBundle when the body is not a FHIR Bundle of type {@code collection}
     */
    public static BrandsBundle read(String json, OutboundTargets targets) throws RefusedBundle {
        return BrandsBundleReader.read(json, targets);
    }
}
