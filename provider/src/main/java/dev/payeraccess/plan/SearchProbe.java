package dev.payeraccess.plan;

import java.io.IOException;
import java.time.Duration;
import org.keycloak.http.simple.SimpleHttpResponse;
import org.keycloak.models.KeycloakSession;

/**
 * One search at a plan's FHIR API with a member's token, read for what its first page says about paging (see
 * {@link SearchsetPage}). The page's links are never followed: finding out where they point is the point.
 */
public final class SearchProbe {

    /** A page of a search for one entry is small; a larger answer is not one. */
    private static final long MAX_PAGE_BYTES = 1024 * 1024;

    private final KeycloakSession session;
    private final PlanEndpoints plan;
    private final int timeoutMs;

    /** @param timeoutMs how long the plan may take; at most the plan's own timeout is sensible */
    public SearchProbe(KeycloakSession session, PlanEndpoints plan, int timeoutMs) {
        this.session = session;
        this.plan = plan;
        this.timeoutMs = timeoutMs;
    }

    /**
     * @param url a search under the plan's FHIR base, e.g. {@code {fhirBase}/ExplanationOfBenefit?patient=...&_count=1}
     * @throws IllegalArgumentException when {@code url} is not the plan's: the token is sent nowhere else
     */
    public PlanFetch<SearchsetPage> firstPage(String url, String accessToken) {
        if (!PlanHosts.of(plan).admits(url)) {
            throw new IllegalArgumentException("not a URL of plan " + plan.alias() + ": " + PlanHosts.originOf(url));
        }
        long start = System.nanoTime();
        try (SimpleHttpResponse response = PlanHttp.get(session, url, timeoutMs, MAX_PAGE_BYTES)
            .header("Accept", "application/fhir+json").auth(accessToken).asResponse()) {
            if (response.getStatus() != 200) {
                return PlanFetch.failed(PlanFetch.since(start), PlanFetch.Failure.status(response.getStatus()));
            }
            return PlanFetch.read(PlanFetch.since(start),
                SearchsetPage.parse(PlanJson.tree(response.asString())));
        } catch (IllegalArgumentException e) {
            return PlanFetch.failed(PlanFetch.since(start), PlanFetch.Failure.unusable(e.getMessage()));
        } catch (IOException e) {
            Duration took = PlanFetch.since(start);
            return PlanFetch.failed(took, PlanFetch.Failure.of(e, timeoutMs, took));
        }
    }
}
