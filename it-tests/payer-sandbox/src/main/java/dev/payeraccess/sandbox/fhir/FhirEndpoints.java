package dev.payeraccess.sandbox.fhir;

import dev.payeraccess.sandbox.control.SandboxControls;
import dev.payeraccess.sandbox.fhir.records.SandboxRecords;
import dev.payeraccess.sandbox.oauth.AccessTokens;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * The sandbox's FHIR R4 API: a simulated Patient Access API of a US health plan, like 1upHealth's Demo
 * Health Plan.
 *
 * <p>It serves synthetic, deterministic CARIN Blue Button data of the five test members (Patient,
 * Coverage, ExplanationOfBenefit), the plan's public directory (Organization, Practitioner, Location) and,
 * on the payer-to-payer track only, clinical data (Encounter, AllergyIntolerance, MedicationRequest,
 * Observation). Every request but {@code GET /r4/metadata} needs a bearer token from {@code tokens};
 * each token sees only its own member's records, within its scopes. Searches page by {@code _offset} and
 * {@code _count} and support {@code _include}/{@code _revinclude}. While
 * {@link SandboxControls#largeBundleBytes()} is positive, ExplanationOfBenefit searches stream a
 * generated bundle of about that size instead.
 */
public final class FhirEndpoints {

    /** The servlet path the API lives under; the server base is the request's scheme, host and port plus this. */
    public static final String SERVLET_PATH = "/r4";

    private FhirEndpoints() {
    }

    /** Registers the FHIR R4 API at "/r4/*" of the context (servlet path "/r4"), on one host. */
    public static void register(ServletContextHandler context, AccessTokens tokens, SandboxControls controls) {
        register(context, tokens, controls, new FhirHosts());
    }

    /**
     * As above, for a sandbox that also listens on a second host: {@code hosts} learns the addresses once the
     * server listens.
     */
    public static void register(ServletContextHandler context, AccessTokens tokens, SandboxControls controls,
                                FhirHosts hosts) {
        ServletHolder holder = new ServletHolder("fhir-r4", new SandboxFhirServer(SandboxRecords.generate(), tokens,
            controls, hosts));
        // Initialize with the context rather than on the first request, so a broken setup fails the start.
        holder.setInitOrder(1);
        context.addServlet(holder, SERVLET_PATH + "/*");
    }
}
