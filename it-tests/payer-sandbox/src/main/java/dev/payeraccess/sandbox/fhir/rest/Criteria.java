package dev.payeraccess.sandbox.fhir.rest;

import ca.uhn.fhir.rest.param.ReferenceAndListParam;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenAndListParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.param.UriAndListParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * The search parameters the sandbox understands, as predicates on its records. Repeated parameters are
 * ANDed, comma-separated values ORed, as FHIR search defines; an absent parameter matches everything.
 */
final class Criteria {

    private Criteria() {
    }

    static <T extends Resource> Predicate<T> all() {
        return resource -> true;
    }

    /** {@code _id}. */
    static <T extends Resource> Predicate<T> ids(TokenAndListParam ids) {
        if (ids == null) {
            return all();
        }
        return resource -> ids.getValuesAsQueryTokens().stream()
            .allMatch(any -> any.getValuesAsQueryTokens().stream()
                .anyMatch(token -> resource.getIdElement().getIdPart().equals(token.getValue())));
    }

    /** {@code _profile}: a canonical the resource's {@code meta.profile} names (with or without a version). */
    static <T extends Resource> Predicate<T> profiles(UriAndListParam param) {
        if (param == null) {
            return all();
        }
        return resource -> param.getValuesAsQueryTokens().stream()
            .allMatch(any -> any.getValuesAsQueryTokens().stream().anyMatch(uri -> resource.getMeta().getProfile()
                .stream().anyMatch(p -> p.getValue().equals(uri.getValue())
                    || p.getValue().startsWith(uri.getValue() + "|"))));
    }

    /** A token parameter on identifiers, {@code [system|]value}. */
    static <T extends Resource> Predicate<T> identifiers(TokenAndListParam param, Function<T, List<Identifier>> field) {
        if (param == null) {
            return all();
        }
        return resource -> param.getValuesAsQueryTokens().stream()
            .allMatch(any -> anyIdentifier(any, field.apply(resource)));
    }

    /** A token parameter on codes, {@code [system|]code}. */
    static <T extends Resource> Predicate<T> codes(TokenAndListParam param, Function<T, List<CodeableConcept>> field) {
        if (param == null) {
            return all();
        }
        return resource -> param.getValuesAsQueryTokens().stream()
            .allMatch(any -> anyCoding(any, field.apply(resource)));
    }

    /**
     * A reference parameter such as {@code patient} or {@code subject}.
     *
     * @param impliedType the type a bare id refers to ({@code Patient} for {@code patient}); {@code null}
     *     lets a bare id match any type
     */
    static <T extends Resource> Predicate<T> references(ReferenceAndListParam param, String impliedType,
                                                        Function<T, List<Reference>> field) {
        if (param == null) {
            return all();
        }
        return resource -> param.getValuesAsQueryTokens().stream()
            .allMatch(any -> anyReference(any, impliedType, field.apply(resource)));
    }

    private static boolean anyIdentifier(TokenOrListParam any, List<Identifier> identifiers) {
        return any.getValuesAsQueryTokens().stream().anyMatch(token -> identifiers.stream()
            .anyMatch(identifier -> matches(token, identifier.getSystem(), identifier.getValue())));
    }

    private static boolean anyCoding(TokenOrListParam any, List<CodeableConcept> concepts) {
        return any.getValuesAsQueryTokens().stream().anyMatch(token -> concepts.stream()
            .flatMap(concept -> concept.getCoding().stream())
            .anyMatch(coding -> matches(token, coding.getSystem(), coding.getCode())));
    }

    /** {@code value} alone matches in any system; {@code system|value} only in that system. */
    private static boolean matches(TokenParam token, String system, String value) {
        boolean systemMatches = token.getSystem() == null || token.getSystem().equals(system);
        return systemMatches && token.getValue() != null && token.getValue().equals(value);
    }

    private static boolean anyReference(ReferenceOrListParam any, String impliedType, List<Reference> references) {
        return any.getValuesAsQueryTokens().stream().anyMatch(param -> references.stream()
            .flatMap(reference -> ResourceKey.of(reference).stream())
            .anyMatch(key -> names(param, impliedType, key)));
    }

    private static boolean names(ReferenceParam param, String impliedType, ResourceKey key) {
        if (param.hasChain()) {
            throw new InvalidRequestException("Chained search parameters are not supported");
        }
        String type = param.hasResourceType() ? param.getResourceType() : impliedType;
        boolean typeMatches = type == null || type.equals(key.type());
        return typeMatches && key.id().equals(param.getIdPart());
    }
}
