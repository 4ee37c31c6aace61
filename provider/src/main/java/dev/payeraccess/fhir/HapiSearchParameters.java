package dev.payeraccess.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.rest.api.RestSearchParameterTypeEnum;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * {@link SearchParameters} from the definitions HAPI carries for base FHIR R4, plus those the CARIN Blue
 * Button and US Core implementation guides add on top of base R4, which Patient Access APIs serve.
 */
public final class HapiSearchParameters implements SearchParameters {

    /** Parameters every resource type has (FHIR R4 "Search parameters for all resources" and result controls). */
    private static final Set<String> COMMON = Set.of("_id", "_lastUpdated", "_tag", "_profile", "_security",
        "_source", "_count", "_sort", "_summary", "_elements", "_total", "_include", "_revinclude", "_format",
        "_pretty", "_getpagesoffset", "_offset");

    /** Defined by CARIN Blue Button (ExplanationOfBenefit) and US Core, not by base R4. */
    private static final Map<String, Set<String>> GUIDES = Map.of(
        "ExplanationOfBenefit", Set.of("type", "service-date", "billable-period-start"),
        "Patient", Set.of("race", "ethnicity"),
        "Condition", Set.of("asserted-date"),
        "Encounter", Set.of("discharge-disposition"));

    /** Token parameters of the guides above that search a top-level coded element (CARIN: the claim's type). */
    private static final Map<String, Map<String, String>> GUIDE_CODED = Map.of(
        "ExplanationOfBenefit", Map.of("type", "type"));

    private final FhirContext fhir;
    // What the filter asks for every resource of an answer, worked out once per type (the definitions do not change).
    private final Map<String, Set<String>> patientParameters = new ConcurrentHashMap<>();
    private final Map<String, Optional<String>> pinningElements = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Optional<String>>> codedElements = new ConcurrentHashMap<>();

    public HapiSearchParameters(FhirContext fhir) {
        this.fhir = fhir;
    }

    /**
     * Base R4's parameters (with the guides'), worked out once per JVM as HAPI's own context works out its
     * definitions ({@link R4}): model metadata, never request or user state. Every proxied read asks it.
     */
    public static HapiSearchParameters r4() {
        return OfR4.PARAMETERS;
    }

    private static final class OfR4 {
        static final HapiSearchParameters PARAMETERS = new HapiSearchParameters(R4.context());
    }

    @Override
    public Optional<Set<String>> referenceTargets(String type, String parameter) {
        return definition(type).map(d -> d.getSearchParam(parameter))
            .filter(p -> p.getParamType() == RestSearchParameterTypeEnum.REFERENCE)
            .map(p -> p.getTargets().isEmpty() ? fhir.getResourceTypes() : Set.copyOf(p.getTargets()));
    }

    @Override
    public boolean isKnown(String type, String parameter) {
        return COMMON.contains(parameter) || GUIDES.getOrDefault(type, Set.of()).contains(parameter)
            || definition(type).map(d -> d.getSearchParam(parameter) != null).orElse(false);
    }

    @Override
    public Set<String> patientParameters(String type) {
        return patientParameters.computeIfAbsent(type, this::patientParametersOf);
    }

    private Set<String> patientParametersOf(String type) {
        return definition(type).map(d -> d.getSearchParams().stream()
                .filter(p -> p.getProvidesMembershipInCompartments() != null
                    && p.getProvidesMembershipInCompartments().contains("Patient"))
                .map(RuntimeSearchParam::getName)
                .collect(Collectors.toUnmodifiableSet()))
            .orElse(Set.of());
    }

    @Override
    public Optional<String> pinningElement(String type) {
        return pinningElements.computeIfAbsent(type, this::pinningElementOf);
    }

    private Optional<String> pinningElementOf(String type) {
        if (type.equals("Patient")) {
            return Optional.empty();
        }
        return pinningParameter(type).flatMap(name -> definition(type).map(d -> d.getSearchParam(name)))
            .flatMap(p -> topLevelElement(type, p.getPath()));
    }

    @Override
    public Optional<String> codedElement(String type, String parameter) {
        return codedElements.computeIfAbsent(type, t -> new ConcurrentHashMap<>())
            .computeIfAbsent(parameter, p -> codedElementOf(type, p));
    }

    private Optional<String> codedElementOf(String type, String parameter) {
        String guide = GUIDE_CODED.getOrDefault(type, Map.of()).get(parameter);
        if (guide != null) {
            return Optional.of(guide);
        }
        return definition(type).map(d -> d.getSearchParam(parameter))
            .filter(p -> p.getParamType() == RestSearchParameterTypeEnum.TOKEN)
            .flatMap(p -> topLevelElement(type, p.getPath()))
            .filter(element -> isCoded(type, element));
    }

    /** A code, Coding or CodeableConcept element (not an Identifier, boolean or string, which tokens also search). */
    private boolean isCoded(String type, String element) {
        return definition(type).map(d -> d.getChildByName(element))
            .map(child -> child.getChildByName(element))
            .map(def -> {
                String name = def.getName();
                return name.equals("code") || name.equals("Coding") || name.equals("CodeableConcept");
            }).orElse(false);
    }

    /**
     * {@code beneficiary} of {@code Coverage.beneficiary}, {@code subject} of
     * {@code Observation.subject.where(resolve() is Patient)}; a path shared by several types ({@code A.x | B.y}) is
     * read for {@code type} alone. Empty for a deeper path ({@code Group.member.entity}) or any other form.
     */
    static Optional<String> topLevelElement(String type, String path) {
        for (String alternative : path.split("\\|")) {
            String a = alternative.trim();
            if (a.startsWith("(") && a.endsWith(")")) {
                a = a.substring(1, a.length() - 1).trim();
            }
            if (!a.startsWith(type + ".")) {
                continue;
            }
            String rest = a.substring(type.length() + 1);
            if (rest.startsWith("where(") || rest.isEmpty()) {
                continue;
            }
            int end = 0;
            while (end < rest.length() && Character.isLetterOrDigit(rest.charAt(end))) {
                end++;
            }
            String element = rest.substring(0, end);
            String after = rest.substring(end);
            if (!element.isEmpty() && (after.isEmpty() || after.startsWith(".where(resolve() is Patient)"))) {
                return Optional.of(element);
            }
        }
        return Optional.empty();
    }

    private Optional<RuntimeResourceDefinition> definition(String type) {
        try {
            return Optional.of(fhir.getResourceDefinition(type));
        } catch (RuntimeException unknownType) {
            return Optional.empty();
        }
    }
}
