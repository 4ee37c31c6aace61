package dev.payeraccess.sandbox.fhir;

import ca.uhn.fhir.rest.server.IncomingRequestAddressStrategy;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * Where the sandbox's FHIR API listens: its base, and the plan's second host, another port serving the same API
 * (see {@code SandboxControls#nextLinksOnSecondHost}). Known once the server listens, as ports may be chosen by
 * the system.
 *
 * <p>As the server's address strategy it answers with the plan's base even for requests on the second host, so
 * {@code fullUrl}s and {@code self} links stay on the FHIR base like a gateway's backend writes them; only paging
 * links move to the second host, and only while that quirk is on.
 */
public final class FhirHosts extends IncomingRequestAddressStrategy {

    private volatile Optional<Listening> listening = Optional.empty();

    /** The two bases, e.g. {@code http://localhost:8090/r4} and {@code http://127.0.0.1:41234/r4}. */
    private record Listening(String base, String secondBase, int secondPort) {
    }

    /** Called once both connectors listen. */
    public void listening(String base, String secondBase, int secondPort) {
        listening = Optional.of(new Listening(base, secondBase, secondPort));
    }

    /** The second host's FHIR base; empty while the sandbox has none (the FHIR-only test server). */
    Optional<String> secondBase() {
        return listening.map(Listening::secondBase);
    }

    @Override
    public String determineServerBase(ServletContext context, HttpServletRequest request) {
        Optional<Listening> hosts = listening;
        if (hosts.isPresent() && request.getLocalPort() == hosts.get().secondPort()) {
            return hosts.get().base();
        }
        return super.determineServerBase(context, request);
    }
}
