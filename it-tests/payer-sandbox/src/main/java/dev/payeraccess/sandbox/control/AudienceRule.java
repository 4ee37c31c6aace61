package dev.payeraccess.sandbox.control;

/**
 * What the plan's authorization endpoint makes of SMART's {@code aud} parameter. Every refusal is sent back
 * to the app's redirect URI as {@code error=invalid_request} (RFC 6749 4.1.2.1), with the state.
 */
public enum AudienceRule {
    /**
     * The default: {@code aud} may be left out; when sent, it must name this plan's FHIR base (a wrong one is
     * refused, so a token cannot be phished for another server).
     */
    OPTIONAL,
    /**
     * SMART App Launch: {@code aud} is required and must be the FHIR base URL. Imitates plans that enforce
     * the spec; a client that leaves it out gets {@code error_description} "aud is required and must be this
     * plan's FHIR base URL ..., as SMART App Launch requires."
     */
    REQUIRED,
    /**
     * Imitates plans whose OAuth server predates SMART and fails on parameters it does not know: any
     * {@code aud}, even the right one, gets {@code error_description} "aud is not supported by this plan."
     */
    REFUSED
}
