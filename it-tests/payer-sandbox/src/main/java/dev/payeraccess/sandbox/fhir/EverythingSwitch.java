package dev.payeraccess.sandbox.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import dev.payeraccess.sandbox.control.SandboxControls;
import org.hl7.fhir.r4.model.CapabilityStatement;

/**
 * Whether the plan has {@code Patient/[id]/$everything} right now ({@link SandboxControls#everythingOperation}): the
 * Patient provider is told per request, and while it is off the operation HAPI declares is taken out of the
 * CapabilityStatement (a copy: HAPI caches the statement it built).
 */
@Interceptor
final class EverythingSwitch {

    private final SandboxControls controls;

    EverythingSwitch(SandboxControls controls) {
        this.controls = controls;
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
    public void mark(RequestDetails request) {
        request.getUserData().put(SandboxControls.EVERYTHING_OPERATION, controls.everythingOperation());
    }

    @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
    public void statement(RequestDetails request, ResponseDetails response) {
        if (controls.everythingOperation() || !(response.getResponseResource() instanceof CapabilityStatement built)) {
            return;
        }
        CapabilityStatement statement = built.copy();
        statement.getRest().forEach(rest -> rest.getResource().stream()
            .filter(resource -> "Patient".equals(resource.getType()))
            .forEach(patient -> patient.getOperation()
                .removeIf(operation -> operation.getName().replace("$", "").equals("everything"))));
        response.setResponseResource(statement);
    }
}
