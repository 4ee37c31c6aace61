package dev.payeraccess.sandbox.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import dev.payeraccess.sandbox.control.SandboxControls;

/**
 * Tells the search providers, per request, how the sandbox pages right now (see
 * {@link SandboxControls#serverSidePaging}).
 */
@Interceptor
final class PagingStyle {

    private final SandboxControls controls;

    PagingStyle(SandboxControls controls) {
        this.controls = controls;
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
    public void mark(RequestDetails request) {
        request.getUserData().put(SandboxControls.SERVER_SIDE_PAGING, controls.serverSidePaging());
    }
}
