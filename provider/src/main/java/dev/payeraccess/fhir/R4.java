package dev.payeraccess.fhir;

import ca.uhn.fhir.context.FhirContext;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The extension's HAPI FHIR R4 context.
 *
 * <p>A {@link FhirContext} scans the model on first use (hundreds of milliseconds) and is then
 * thread-safe and immutable in practice, so it is created once per JVM by HAPI's own cache. It holds
 * model metadata only, never request or user state.
 */
public final class R4 {

    private R4() {
    }

    public static FhirContext context() {
        return FhirContext.forR4Cached();
    }

    /**
     * Those of {@code names} that are R4 resource types, in their order: what is kept of a plan's CapabilityStatement
     * (a realm imported from JSON never went through the save-time check of a plan's allowed types).
     */
    public static List<String> resourceTypesAmong(Collection<String> names) {
        Set<String> types = context().getResourceTypes();
        return names.stream().filter(types::contains).distinct().toList();
    }
}
