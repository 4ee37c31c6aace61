package dev.payeraccess.plan;

import java.util.List;

/**
 * Finds the member's Patient id at linking, asking the places of the plan's {@code patientSource} in order.
 * A Patient search counts only when it finds exactly one Patient: a parent who sees dependents finds
 * several, and picking one would link the wrong person's records.
 */
public final class MemberPatient {

    /** What linking learned about who signed in. */
    public sealed interface Outcome {
    }

    /** The plan named the member. */
    public record Named(String patientId, PatientSource source) implements Outcome {
    }

    /** No place named the member, and no search found any single Patient. */
    public record Unnamed() implements Outcome {
    }

    /** Only a search could tell, and it found {@code count} Patients. */
    public record Several(int count) implements Outcome {
    }

    /** The {@code Patient} search with the new token, run only when the order reaches it. */
    @FunctionalInterface
    public interface Search {
        List<String> patientIds() throws PlanProblem;
    }

    private MemberPatient() {
    }

    public static Outcome find(List<PatientSource> order, PlanTokenResponse tokens, Search search) throws PlanProblem {
        int several = 0;
        for (PatientSource source : order) {
            switch (source) {
                case TOKEN -> {
                    if (tokens.patient().isPresent()) {
                        return new Named(tokens.patient().get(), source);
                    }
                }
                case ID_TOKEN -> {
                    if (tokens.idTokenPatientId().isPresent()) {
                        return new Named(tokens.idTokenPatientId().get(), source);
                    }
                }
                case SEARCH -> {
                    List<String> ids = search.patientIds();
                    if (ids.size() == 1) {
                        return new Named(ids.get(0), source);
                    }
                    several = ids.size();
                }
            }
        }
        return several > 1 ? new Several(several) : new Unnamed();
    }
}
