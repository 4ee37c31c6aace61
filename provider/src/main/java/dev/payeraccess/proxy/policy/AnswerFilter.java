package dev.payeraccess.proxy.policy;

import java.util.Map;
import java.util.Set;

/** Which resources of a plan's answer reach the app; decided by the {@link AccessPolicy}, applied by the rewriter. */
public interface AnswerFilter {

    /** What the type alone says about a resource. */
    enum Verdict {
        RETURN,
        WITHHOLD,
        /** The resource's content decides ({@link #mayReturn(String, String, Map)}): whom it is about. */
        INSPECT
    }

    Verdict byType(String type);

    /**
     * For {@link Verdict#INSPECT}: whether a resource may be returned, given its {@code id} (empty when it has none)
     * and, by element at its top level, the {@code reference} values that element holds itself (of
     * {@code "beneficiary":{"reference":"Patient/p1"}}, {@code beneficiary → [Patient/p1]}; an array element's
     * items each count, references nested deeper in the element do not).
     */
    boolean mayReturn(String type, String id, Map<String, Set<String>> references);

    /**
     * The top-level elements of {@code type} whose codes decide too (a granular scope's {@code category}, a prior
     * authorization's {@code use}): for {@link Verdict#INSPECT} their codes are noted for
     * {@link #mayReturn(String, String, Map, Map)}.
     */
    default Set<String> codedElements(String type) {
        return Set.of();
    }

    /**
     * As {@link #mayReturn(String, String, Map)}, with the codes each of the {@link #codedElements} holds, by element:
     * {@code system|code} for each Coding of a CodeableConcept or Coding element ({@code |code} without a system) and
     * the bare value of a {@code code} element ({@code "use":"claim"} gives {@code claim}).
     */
    default boolean mayReturn(String type, String id, Map<String, Set<String>> references,
                              Map<String, Set<String>> codes) {
        return mayReturn(type, id, references);
    }

    /**
     * Whether this filter leaves out entries that matched the plan's search for a reason of the app's own asking (the
     * prior authorizations of a plan's claims): the plan's {@code Bundle.total} then counts what the app did not ask
     * for, and is left out.
     */
    default boolean narrowsMatches() {
        return false;
    }

    /** Everything the caller may read by type, with no look inside. */
    static AnswerFilter byTypeOnly(java.util.function.Predicate<String> readable) {
        return new AnswerFilter() {
            @Override
            public Verdict byType(String type) {
                return readable.test(type) ? Verdict.RETURN : Verdict.WITHHOLD;
            }

            @Override
            public boolean mayReturn(String type, String id, Map<String, Set<String>> references) {
                return readable.test(type);
            }
        };
    }
}
