package dev.payeraccess.sandbox.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import dev.payeraccess.sandbox.control.SandboxControls;
import org.hl7.fhir.r4.model.CapabilityStatement;

/**
 * Adds the profiles the plan declares, as {@link SandboxControls#priorAuthorizationProfileDeclared} says, to the
 * CapabilityStatement on its way out. HAPI caches the statement it builds for a minute; a copy is changed, so a
 * switch takes effect at the next read.
 */
final class DeclaredProfiles {

    static final String PRIOR_AUTHORIZATION =
        "http://hl7.org/fhir/us/davinci-pdex/StructureDefinition/pdex-priorauthorization";

    private final SandboxControls controls;

    DeclaredProfiles(SandboxControls controls) {
        this.controls = controls;
    }

    @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
    public boolean declare(RequestDetails request, ResponseDetails response) {
        if (controls.priorAuthorizationProfileDeclared()
            && response.getResponseResource() instanceof CapabilityStatement statement) {
            CapabilityStatement copy = statement.copy();
            copy.getRest().forEach(rest -> rest.getResource().stream()
                .filter(resource -> "ExplanationOfBenefit".equals(resource.getType()))
                .forEach(resource -> resource.addSupportedProfile(PRIOR_AUTHORIZATION + "|2.1.0")));
            response.setResponseResource(copy);
        }
        return true;
    }
}
