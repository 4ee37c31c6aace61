package dev.payeraccess.sandbox.oauth;

import dev.payeraccess.sandbox.control.AudienceRule;
import java.util.Optional;

/** The SMART {@code aud} check of the authorization endpoint, under the plan's {@link AudienceRule}. */
final class AuthorizeAudience {

    private AuthorizeAudience() {
    }

    /**
     * @param aud the request's {@code aud}, if sent
     * @param fhirBaseUrl the plan's FHIR base as seen by this request
     */
    static Optional<AuthorizeProblem> problem(AudienceRule rule, Optional<String> aud, String fhirBaseUrl) {
        return switch (rule) {
            case OPTIONAL -> aud.flatMap(sent -> wrongBase(sent, fhirBaseUrl));
            case REQUIRED -> aud.isEmpty()
                ? AuthorizeProblem.of("invalid_request", "aud is required and must be this plan's FHIR base URL "
                    + fhirBaseUrl + ", as SMART App Launch requires.")
                : wrongBase(aud.get(), fhirBaseUrl);
            // Plans whose OAuth server predates SMART fail on the parameter itself, right or wrong.
            case REFUSED -> aud.flatMap(sent -> AuthorizeProblem.of("invalid_request",
                "aud is not supported by this plan. Leave it out of the authorization request."));
        };
    }

    /** SMART: a token asked for another server must not be issued here (it could be replayed there). */
    private static Optional<AuthorizeProblem> wrongBase(String aud, String fhirBaseUrl) {
        if (PlanAddresses.same(aud, fhirBaseUrl)) {
            return Optional.empty();
        }
        return AuthorizeProblem.of("invalid_request", "aud must be this plan's FHIR base URL " + fhirBaseUrl + ".");
    }
}
