package dev.payeraccess.sandbox.fhir.access;

import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * The refusals of RFC 6750 as FHIR errors: an OperationOutcome body plus the {@code WWW-Authenticate}
 * challenge. Diagnostics never echo the presented token.
 */
final class BearerChallenge {

    private static final String REALM = "payer-sandbox";

    private BearerChallenge() {
    }

    /** No bearer credentials at all: the challenge carries no error code (RFC 6750 section 3.1). */
    static AuthenticationException missingToken() {
        String message = "This FHIR server requires an OAuth 2.0 bearer access token";
        return refusal(new AuthenticationException(message), IssueType.LOGIN, message,
            "Bearer realm=\"" + REALM + "\"");
    }

    static AuthenticationException invalidToken() {
        String message = "The access token is invalid, expired or revoked";
        return refusal(new AuthenticationException(message), IssueType.LOGIN, message,
            "Bearer realm=\"" + REALM + "\", error=\"invalid_token\", error_description=\"" + message + "\"");
    }

    /** @param interaction what was refused, "reading" or "searching" */
    static ForbiddenOperationException insufficientScope(String interaction, String resourceType) {
        String message = "The granted scopes do not allow " + interaction + " " + resourceType;
        String scope = "patient/" + resourceType + ".read";
        return refusal(new ForbiddenOperationException(message), IssueType.FORBIDDEN, message,
            "Bearer realm=\"" + REALM + "\", error=\"insufficient_scope\", scope=\"" + scope + "\"");
    }

    private static <E extends BaseServerResponseException> E refusal(E exception, IssueType issueType, String message,
                                                                    String challenge) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(IssueSeverity.ERROR).setCode(issueType).setDiagnostics(message);
        exception.setOperationOutcome(outcome);
        exception.addResponseHeader("WWW-Authenticate", challenge);
        return exception;
    }
}
