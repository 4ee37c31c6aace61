package dev.payeraccess.proxy.everything;

import dev.payeraccess.fhir.FhirProblem;
import dev.payeraccess.fhir.FhirProblemException;
import dev.payeraccess.fhir.SearchParameters;
import dev.payeraccess.plan.PlanCapabilities;
import dev.payeraccess.proxy.policy.AccessDecision;
import dev.payeraccess.proxy.policy.AccessPolicy;
import dev.payeraccess.proxy.policy.AnswerFilter;
import dev.payeraccess.proxy.request.FhirRequest;
import dev.payeraccess.proxy.request.Interaction;
import dev.payeraccess.proxy.request.SearchParameter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which types one caller's {@code Patient/[id]/$everything} reads at one plan, and how: each type decided by the
 * {@link AccessPolicy} exactly as the search {@code [type]?[patient parameter]=Patient/[id]} would be (scopes of the
 * app, the plan and the administrator; for {@code patient/} scopes, the linked patient only), so nothing reaches the
 * app that a search would not have. Pure; the shell hands it the policy and what the plan declared.
 *
 * <p><b>Forwarded</b> where the plan's CapabilityStatement declares {@code $everything} on Patient: with
 * {@code _type} set to the readable types. <b>Emulated</b> elsewhere (and while the plan's statement has not been
 * read): one search per readable type of the Patient compartment, Patient by {@code _id} and the others by their
 * pinning parameter ({@code patient}, {@code beneficiary}, {@code subject}), each with {@code _include}s of the
 * Organizations and Practitioners its entries name when those may be read, {@code start}/{@code end} on the type's
 * care date ({@link #CARE_DATES}) and {@code _since} as {@code _lastUpdated=ge}. Where the plan's statement does not
 * declare such a parameter for a type, that type is searched without it (the spec has Patient and Coverage whole
 * anyway) and a note says so.
 */
public final class EverythingSearches {

    /**
     * The search parameter on each type's care date, in order of preference (CARIN's {@code service-date} before base
     * R4's {@code created}); the last is base R4's, used while the plan's statement is unknown. Types not listed
     * (Patient, Coverage, directory types) have no care date and are read whole.
     */
    static final Map<String, List<String>> CARE_DATES = Map.ofEntries(
        Map.entry("ExplanationOfBenefit", List.of("service-date", "created")),
        Map.entry("Claim", List.of("created")),
        Map.entry("Encounter", List.of("date")),
        Map.entry("Observation", List.of("date")),
        Map.entry("Condition", List.of("recorded-date")),
        Map.entry("Procedure", List.of("date")),
        Map.entry("Immunization", List.of("date")),
        Map.entry("DiagnosticReport", List.of("date")),
        Map.entry("AllergyIntolerance", List.of("date")),
        Map.entry("MedicationRequest", List.of("authoredon")),
        Map.entry("MedicationDispense", List.of("whenhandedover")),
        Map.entry("DocumentReference", List.of("date")),
        Map.entry("CarePlan", List.of("date")));
    /** The R4 reference parameters of each type that name an Organization or a Practitioner. */
    static final Map<String, List<String>> DIRECTORY_INCLUDES = Map.ofEntries(
        Map.entry("Patient", List.of("general-practitioner", "organization")),
        Map.entry("Coverage", List.of("payor")),
        Map.entry("ExplanationOfBenefit", List.of("provider", "insurer", "care-team")),
        Map.entry("Claim", List.of("provider", "insurer", "care-team")),
        Map.entry("Encounter", List.of("practitioner", "service-provider")),
        Map.entry("Observation", List.of("performer")),
        Map.entry("Condition", List.of("asserter")),
        Map.entry("Procedure", List.of("performer")),
        Map.entry("Immunization", List.of("performer")),
        Map.entry("DiagnosticReport", List.of("performer")),
        Map.entry("MedicationRequest", List.of("requester")),
        Map.entry("DocumentReference", List.of("author")));
    /** The types the emulation brings in through {@code _include} only. */
    static final Set<String> DIRECTORY = Set.of("Organization", "Practitioner");
    /** Claims and coverage first, as a member reads them; other types after, by name. */
    private static final List<String> FIRST = List.of("Patient", "Coverage", "ExplanationOfBenefit");

    private final AccessPolicy policy;
    private final SearchParameters parameters;
    private final Collection<String> allowedTypes;
    private final Optional<PlanCapabilities> plan;

    /**
     * @param allowedTypes the plan's {@code allowedResourceTypes}
     * @param plan what the plan's CapabilityStatement declared, when the health probe has read it
     */
    public EverythingSearches(AccessPolicy policy, SearchParameters parameters, Collection<String> allowedTypes,
                              Optional<PlanCapabilities> plan) {
        this.policy = policy;
        this.parameters = parameters;
        this.allowedTypes = allowedTypes;
        this.plan = plan;
    }

    /**
     * What {@code asked} reads at the plan.
     *
     * @throws FhirProblemException 404 when the caller's {@code patient/} scopes hold it to another patient (as a read
     *     of that Patient would be); 403 when it may read none of the types asked for
     */
    public EverythingPlan plan(EverythingRequest asked) throws FhirProblemException {
        AccessDecision patient = policy.decide(new FhirRequest(Interaction.READ, Optional.of("Patient"),
            Optional.of(asked.patientId()), Optional.empty(), List.of()));
        if (patient instanceof AccessDecision.Refused refused && refused.problem().status() == 404) {
            throw refused.problem().exception();
        }
        List<String> wanted = wanted(asked);
        boolean directoryReadable = wanted.stream().filter(DIRECTORY::contains)
            .anyMatch(t -> policy.decide(search(t, List.of())) instanceof AccessDecision.Allowed);
        List<TypeSearch> searches = new ArrayList<>();
        List<String> readable = new ArrayList<>();
        Optional<FhirProblem> firstRefusal = Optional.empty();
        Optional<AnswerFilter> answer = Optional.empty();
        List<String> notes = new ArrayList<>();
        for (String type : wanted) {
            // Outside the compartment (Organization, Location...) a type is read whole: its search is never pinned.
            boolean directory = !inCompartment(type);
            AccessDecision decision = directory ? policy.decide(search(type, List.of()))
                : policy.decide(search(type, typeParameters(type, asked, directoryReadable, notes)));
            if (decision instanceof AccessDecision.Refused refused) {
                firstRefusal = firstRefusal.or(() -> Optional.of(refused.problem()));
                continue;
            }
            AccessDecision.Allowed allowed = (AccessDecision.Allowed) decision;
            answer = Optional.of(allowed.answer());
            readable.add(type);
            if (!directory) {
                searches.add(new TypeSearch(type, allowed.forwarded()));
            }
        }
        // Directory types alone say nothing the caller may know about this patient: with patient/ scopes and another
        // patient's id every compartment type is refused, and the operation must not reach the plan for the rest.
        if (answer.isEmpty() || searches.isEmpty()) {
            throw nothingReadable(asked, firstRefusal);
        }
        AnswerFilter narrowed = new NarrowedAnswer(answer.get(), Set.copyOf(readable));
        if (declaresEverything()) {
            return new EverythingPlan(readable, Optional.of(forwarded(asked, readable)), List.of(), narrowed,
                List.of());
        }
        return new EverythingPlan(readable, Optional.empty(), searches, narrowed, List.copyOf(notes));
    }

    /** Whether the plan's statement declares the operation on Patient: then it is forwarded, not emulated. */
    private boolean declaresEverything() {
        return plan.flatMap(p -> p.of("Patient")).map(t -> t.declaresOperation("everything")).orElse(false);
    }

    /** The allowed types the app asked for (all without {@code _type}) that the plan serves, in reading order. */
    private List<String> wanted(EverythingRequest asked) {
        boolean forwarded = declaresEverything();
        return allowedTypes.stream().distinct()
            .filter(t -> asked.types().map(types -> types.contains(t)).orElse(true))
            .filter(t -> plan.isEmpty() || plan.get().of(t).isPresent())
            .filter(t -> forwarded || DIRECTORY.contains(t) || inCompartment(t))
            .sorted(Comparator.comparing((String t) -> FIRST.contains(t) ? FIRST.indexOf(t) : FIRST.size())
                .thenComparing(Comparator.naturalOrder()))
            .toList();
    }

    private boolean inCompartment(String type) {
        return type.equals("Patient") || parameters.pinningParameter(type).isPresent();
    }

    /** The type's search for the patient, with the includes, dates and count the operation asks for. */
    private List<SearchParameter> typeParameters(String type, EverythingRequest asked, boolean directoryReadable,
                                                 List<String> notes) {
        List<SearchParameter> search = new ArrayList<>();
        String pin = parameters.pinningParameter(type).orElse("_id");
        search.add(new SearchParameter(pin, type.equals("Patient") ? asked.patientId() : "Patient/"
            + asked.patientId()));
        if (asked.start().isPresent() || asked.end().isPresent()) {
            Optional<String> careDate = careDate(type);
            careDate.ifPresent(date -> {
                asked.start().ifPresent(start -> search.add(new SearchParameter(date, "ge" + start)));
                asked.end().ifPresent(end -> search.add(new SearchParameter(date, "le" + end)));
            });
            if (careDate.isEmpty() && CARE_DATES.containsKey(type)) {
                notes.add(type + " is not held to start and end: the plan declares no search on its date ("
                    + String.join(" or ", CARE_DATES.get(type)) + ").");
            }
        }
        if (asked.since().isPresent()) {
            if (declares(type, "_lastUpdated")) {
                search.add(new SearchParameter("_lastUpdated", "ge" + asked.since().get()));
            } else {
                notes.add(type + " is not held to _since: the plan declares no _lastUpdated search on it.");
            }
        }
        if (directoryReadable) {
            for (String include : DIRECTORY_INCLUDES.getOrDefault(type, List.of())) {
                if (includes(type, include)) {
                    search.add(new SearchParameter("_include", type + ":" + include));
                }
            }
        }
        asked.count().ifPresent(count -> search.add(new SearchParameter("_count", count)));
        return search;
    }

    /** The care-date parameter the plan declares for {@code type}; base R4's while its statement is unknown. */
    private Optional<String> careDate(String type) {
        List<String> candidates = CARE_DATES.getOrDefault(type, List.of());
        if (plan.isEmpty()) {
            return candidates.isEmpty() ? Optional.empty() : Optional.of(candidates.get(candidates.size() - 1));
        }
        return candidates.stream().filter(name -> declares(type, name)).findFirst();
    }

    private boolean declares(String type, String parameter) {
        return plan.isEmpty() || plan.get().of(type).map(t -> t.searchParams().stream()
            .anyMatch(p -> p.name().equals(parameter))).orElse(false);
    }

    private boolean includes(String type, String parameter) {
        return plan.isEmpty() || plan.get().of(type).map(t -> t.includes().contains(type + ":" + parameter))
            .orElse(false);
    }

    private static FhirRequest search(String type, List<SearchParameter> parameters) {
        return new FhirRequest(Interaction.SEARCH, Optional.of(type), Optional.empty(), Optional.empty(), parameters);
    }

    /** The operation as the plan gets it: the app's parameters, {@code _type} the readable types. */
    private static FhirRequest forwarded(EverythingRequest asked, List<String> readable) {
        List<SearchParameter> sent = new ArrayList<>();
        asked.asSent().stream().filter(p -> !p.name().equals("_type")).forEach(sent::add);
        sent.add(new SearchParameter("_type", String.join(",", readable)));
        return new FhirRequest(Interaction.EVERYTHING, Optional.of("Patient"), Optional.of(asked.patientId()),
            Optional.empty(), sent);
    }

    private static FhirProblemException nothingReadable(EverythingRequest asked, Optional<FhirProblem> why) {
        String types = asked.types().map(t -> "the types asked for (_type=" + String.join(",", t) + ")")
            .orElse("any type this plan serves");
        return FhirProblem.forbidden("Patient/" + asked.patientId() + "/$everything would return nothing: this "
            + "caller may read none of " + types + " about this patient." + why.map(p -> " " + p.diagnostics())
                .orElse("")).exception();
    }

    /** The policy's answer filter, also withholding every type the operation does not read. */
    private record NarrowedAnswer(AnswerFilter filter, Set<String> types) implements AnswerFilter {

        @Override
        public Verdict byType(String type) {
            return types.contains(type) ? filter.byType(type) : Verdict.WITHHOLD;
        }

        @Override
        public boolean mayReturn(String type, String id, Map<String, Set<String>> references) {
            return types.contains(type) && filter.mayReturn(type, id, references);
        }

        @Override
        public Set<String> codedElements(String type) {
            return filter.codedElements(type);
        }

        @Override
        public boolean mayReturn(String type, String id, Map<String, Set<String>> references,
                                 Map<String, Set<String>> codes) {
            return types.contains(type) && filter.mayReturn(type, id, references, codes);
        }

        @Override
        public boolean narrowsMatches() {
            return filter.narrowsMatches();
        }
    }
}
