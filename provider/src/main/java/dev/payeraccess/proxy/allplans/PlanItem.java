package dev.payeraccess.proxy.allplans;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.payeraccess.fhir.FhirProblem;
import java.util.Map;
import java.util.Optional;

/** What one plan's part of a search across plans hands the merge, in the order the plan's answer streamed it. */
sealed interface PlanItem {

    /** One Bundle entry as a single-plan search would have passed it on. */
    record Entry(ObjectNode entry) implements PlanItem {
    }

    /** The Bundle's links by relation ({@code self}, {@code next}), as rewritten to the proxy's page links. */
    record Links(Map<String, String> byRelation) implements PlanItem {
    }

    /** The Bundle's {@code total}. */
    record Total(long total) implements PlanItem {
    }

    /**
     * The plan's part is over: its answer ended with {@code status}, or with the problem a single-plan search would
     * have answered instead; {@code planIssues} are the issues of the plan's own error answer (a 4xx);
     * {@code cutOff} when the answer broke off after it began.
     */
    record Ended(int status, Optional<FhirProblem> problem, Optional<JsonNode> planIssues, boolean cutOff)
        implements PlanItem {

        boolean failed() {
            return problem.isPresent() || status >= 400;
        }
    }
}
