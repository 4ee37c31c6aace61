package dev.payeraccess.proxy.everything;

import dev.payeraccess.proxy.policy.AnswerFilter;
import dev.payeraccess.proxy.request.FhirRequest;
import java.util.List;
import java.util.Optional;

/**
 * What one caller's {@code Patient/[id]/$everything} reads at one plan ({@link EverythingSearches#plan}).
 *
 * @param types the types it reads, in reading order (the operation's {@code _type} as narrowed)
 * @param forwarded the operation as the plan gets it, where the plan declares it; empty where it is emulated
 * @param searches the emulation's searches, one per type of the patient's compartment, in reading order
 * @param answer which entries of the plan's answers reach the app: the policy's filter, narrowed to {@code types}
 * @param notes what the app is told about the emulation on its first page (a parameter a type is not held to)
 */
public record EverythingPlan(List<String> types, Optional<FhirRequest> forwarded, List<TypeSearch> searches,
                             AnswerFilter answer, List<String> notes) {

    public EverythingPlan {
        types = List.copyOf(types);
        searches = List.copyOf(searches);
        notes = List.copyOf(notes);
    }

    /** The search of {@code type}, if the emulation reads it. */
    public Optional<Integer> indexOf(String type) {
        for (int i = 0; i < searches.size(); i++) {
            if (searches.get(i).type().equals(type)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }
}
