package dev.payeraccess.plan;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The ways one plan bends the standard, as its administrator configured them: everything about a plan's
 * behaviour that is not an endpoint or a credential (those are {@link PlanEndpoints}).
 *
 * @param patientSources where the member's Patient id is looked for at linking, in this order
 * @param refreshTokens what the plan's refresh tokens are good for
 * @param maxAuthorization how long a member's authorization lasts at most from linking, if the plan caps it
 * @param pagingMode how the plan pages searches
 * @param offsetParameter the query parameter of {@link PagingMode#OFFSET} paging, e.g. {@code _offset}
 * @param maxRequestsPerSecond the most requests per second this node sends the plan's FHIR API, if capped
 * @param maxConcurrentRequests the most requests this node has open at the plan's FHIR API at once, if capped
 * @param refreshTokenIdle how long the plan's refresh tokens stay valid unused, if they lapse when idle: links are
 *     then renewed in the background before they lapse
 */
public record PlanProfile(List<PatientSource> patientSources, RefreshTokens refreshTokens,
                          Optional<Duration> maxAuthorization, PagingMode pagingMode, String offsetParameter,
                          OptionalInt maxRequestsPerSecond, OptionalInt maxConcurrentRequests,
                          Optional<Duration> refreshTokenIdle) {

    public static final List<PatientSource> DEFAULT_PATIENT_SOURCES = List.of(PatientSource.TOKEN,
        PatientSource.ID_TOKEN, PatientSource.SEARCH);
    public static final String DEFAULT_OFFSET_PARAMETER = "_offset";

    public PlanProfile {
        patientSources = List.copyOf(patientSources);
        Objects.requireNonNull(refreshTokens, "refreshTokens");
        Objects.requireNonNull(pagingMode, "pagingMode");
        Objects.requireNonNull(offsetParameter, "offsetParameter");
        Objects.requireNonNull(refreshTokenIdle, "refreshTokenIdle");
    }

    /** A plan whose refresh tokens do not lapse when idle (or that did not say). */
    public PlanProfile(List<PatientSource> patientSources, RefreshTokens refreshTokens,
                       Optional<Duration> maxAuthorization, PagingMode pagingMode, String offsetParameter,
                       OptionalInt maxRequestsPerSecond, OptionalInt maxConcurrentRequests) {
        this(patientSources, refreshTokens, maxAuthorization, pagingMode, offsetParameter, maxRequestsPerSecond,
            maxConcurrentRequests, Optional.empty());
    }

    /** A plan that follows the standard: what a plan without profile settings gets. */
    public static PlanProfile standard() {
        return new PlanProfile(DEFAULT_PATIENT_SOURCES, RefreshTokens.REUSABLE, Optional.empty(),
            PagingMode.NEXT_LINKS, DEFAULT_OFFSET_PARAMETER, OptionalInt.empty(), OptionalInt.empty());
    }
}
