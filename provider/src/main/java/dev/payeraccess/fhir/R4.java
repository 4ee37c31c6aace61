package dev.payeraccess.fhir;

import ca.uhn.fhir.context.FhirContext;

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
}
