package dev.payeraccess.fhir;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The query of a SMART v2 granular scope ({@code patient/Observation.rs?category=http://...|laboratory}): the
 * resources it grants are those a search with every one of these parameters would find. SMART App Launch 2.0 writes
 * the query as a FHIR search query; its values stay as the scope spells them ({@code system|code}).
 *
 * @param conditions each {@code name=value} of the query, all of which a resource must meet
 */
public record ScopeQuery(List<Condition> conditions) {

    /** One {@code name=value} of a scope's query. */
    public record Condition(String parameter, String value) {
    }

    public ScopeQuery {
        conditions = List.copyOf(conditions);
    }

    /**
     * The query after the {@code ?} of a scope; empty when it is not one a grant can be read from: no condition, a
     * condition without a value, or a parameter with a modifier or chain ({@code code:in=}, {@code subject.name=}).
     */
    static Optional<ScopeQuery> parse(String query) {
        List<Condition> conditions = new ArrayList<>();
        for (String pair : query.split("&", -1)) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                return Optional.empty();
            }
            String name = pair.substring(0, eq);
            if (!name.matches("[a-z_][a-z0-9-]*")) {
                return Optional.empty();
            }
            conditions.add(new Condition(name, pair.substring(eq + 1)));
        }
        return Optional.of(new ScopeQuery(conditions));
    }

    /** As the scope spells it, for messages. */
    public String spelled() {
        StringBuilder query = new StringBuilder();
        for (Condition c : conditions) {
            query.append(query.length() == 0 ? "" : "&").append(c.parameter()).append('=').append(c.value());
        }
        return query.toString();
    }
}
