package dev.payeraccess.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.keycloak.http.simple.SimpleHttpResponse;
import org.keycloak.models.KeycloakSession;

/**
 * Finds the member during linking at plans that name the member nowhere else (no {@code patient} in the
 * token response, no id_token): {@code GET {fhirBaseUrl}/Patient} with the member's new token.
 */
public final class PatientSearch {

    /** A member-scoped Patient search is small; a bigger answer is not one. */
    private static final long MAX_ANSWER_BYTES = 1024 * 1024;

    private final KeycloakSession session;
    private final PlanEndpoints plan;

    public PatientSearch(KeycloakSession session, PlanEndpoints plan) {
        this.session = session;
        this.plan = plan;
    }

    /**
     * The ids of the Patients the token can read: one for most members, several for a parent who sees
     * dependents, none when the plan answers with an error or none.
     *
     * @throws PlanProblem when the plan does not answer in time
     */
    public List<String> patientIds(String accessToken) throws PlanProblem {
        String url = plan.fhirBaseUrl() + "/Patient";
        try (SimpleHttpResponse response = PlanHttp.get(session, url, plan.timeoutMs(), MAX_ANSWER_BYTES)
            .header("Accept", "application/fhir+json").auth(accessToken).asResponse()) {
            if (response.getStatus() != 200) {
                return List.of();
            }
            return patientIds(PlanJson.tree(response.asString()));
        } catch (IOException e) {
            PlanProblem problem = PlanProblem.of(e, "FHIR API", plan);
            if (problem.kind() == PlanProblem.Kind.TIMEOUT || problem.kind() == PlanProblem.Kind.TARGET_REFUSED) {
                throw problem;
            }
            return List.of();
        }
    }

    private static List<String> patientIds(JsonNode bundle) {
        List<String> ids = new ArrayList<>();
        // distinct: a plan may list the same Patient twice (e.g. once as a match and once as an include)
        for (JsonNode entry : bundle.path("entry")) {
            JsonNode resource = entry.path("resource");
            // A FHIR id is at most 64 characters: anything else a plan sends is not an id to link a member by.
            if ("Patient".equals(resource.path("resourceType").asText()) && resource.path("id").isTextual()
                && resource.get("id").asText().length() <= 64) {
                ids.add(resource.get("id").asText());
            }
        }
        return ids.stream().distinct().toList();
    }
}
