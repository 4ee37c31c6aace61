package dev.payeraccess.sandbox.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.SummaryEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.RestfulServerUtils;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseOperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * Answers every error as an OperationOutcome, with the headers the error carries (such as
 * {@code WWW-Authenticate}). It replaces HAPI's default error writer because that one resets the servlet
 * response and re-adds all headers it had, and Jetty 12 keeps its {@code Date} and {@code Server}
 * headers through a reset, so every error would carry both twice.
 */
@Interceptor
public final class OperationOutcomeErrors {

    private static final Set<SummaryEnum> WHOLE_RESOURCE = Set.of(SummaryEnum.FALSE);

    @Hook(Pointcut.SERVER_HANDLE_EXCEPTION)
    public boolean respond(RequestDetails request, BaseServerResponseException error, HttpServletResponse response)
        throws IOException {
        if (response.isCommitted()) {
            // Part of a body is out already; only HAPI's default handler can still try to log and recover.
            return true;
        }
        response.resetBuffer();
        error.getResponseHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        // An error is never summarized or trimmed, whatever the failed request asked for.
        request.removeParameter(Constants.PARAM_SUMMARY);
        request.removeParameter(Constants.PARAM_ELEMENTS);
        request.removeParameter(Constants.PARAM_ELEMENTS + Constants.PARAM_ELEMENTS_EXCLUDE_MODIFIER);
        RestfulServerUtils.streamResponseAsResource(request.getServer(), outcomeOf(error), WHOLE_RESOURCE,
            error.getStatusCode(), false, false, request);
        return false;
    }

    private static IBaseOperationOutcome outcomeOf(BaseServerResponseException error) {
        if (error.getOperationOutcome() != null) {
            return error.getOperationOutcome();
        }
        int status = error.getStatusCode();
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue()
            .setSeverity(status >= 500 ? IssueSeverity.FATAL : IssueSeverity.ERROR)
            .setCode(status == 404 ? IssueType.NOTFOUND : status >= 500 ? IssueType.EXCEPTION : IssueType.PROCESSING)
            .setDiagnostics(error.getMessage());
        return outcome;
    }
}
