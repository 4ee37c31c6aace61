package dev.payeraccess.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A plan's token endpoint answer (RFC 6749 5.1 plus SMART's {@code patient}), read without ever putting
 * its contents into an exception message. A plan's answer is untrusted: it is read within {@link PlanJson}'s bounds,
 * and an answer whose values are longer than a token, scope or id ever is, is refused rather than stored on the link.
 *
 * @param refreshExpiresIn seconds the refresh token stays valid unused, when the plan says so (Keycloak-style
 *     {@code refresh_expires_in}; 0, Keycloak's word for "does not lapse", is read as not said)
 * @param grantEndsAt when the member's grant ends, when the plan says so: CMS Blue Button 2.0 answers
 *     {@code access_grant_expiration} ({@code "2026-09-05 19:17:53Z"}, empty for grants that do not end)
 */
public record PlanTokenResponse(String accessToken, Optional<String> refreshToken, Optional<Long> expiresIn,
                                Optional<String> scope, Optional<String> patient, Optional<String> idToken,
                                Optional<Long> refreshExpiresIn, Optional<Instant> grantEndsAt) {

    public PlanTokenResponse(String accessToken, Optional<String> refreshToken, Optional<Long> expiresIn,
                             Optional<String> scope, Optional<String> patient, Optional<String> idToken) {
        this(accessToken, refreshToken, expiresIn, scope, patient, idToken, Optional.empty());
    }

    public PlanTokenResponse(String accessToken, Optional<String> refreshToken, Optional<Long> expiresIn,
                             Optional<String> scope, Optional<String> patient, Optional<String> idToken,
                             Optional<Long> refreshExpiresIn) {
        this(accessToken, refreshToken, expiresIn, scope, patient, idToken, refreshExpiresIn, Optional.empty());
    }

    /**
     * Longest token kept. Tokens are sent back in an {@code Authorization} header, which servers cap at 8 to 16 KB,
     * and stored on the member's link: a longer one could never be used.
     */
    static final int MAX_TOKEN_CHARS = 32 * 1024;
    /** A scope list naming two scopes for each of R4's types stays below this. */
    static final int MAX_SCOPE_CHARS = 16 * 1024;
    /** A FHIR id is at most 64 characters; room for a plan that sends a reference. */
    static final int MAX_PATIENT_CHARS = 256;
    /** CMS Blue Button 2.0's token answer field: when the member's grant to the app ends. */
    static final String GRANT_EXPIRATION = "access_grant_expiration";
    private static final int MAX_TIME_CHARS = 64;
    /** SMART {@code fhirUser}: {@code Patient/123} or an absolute URL ending in it. */
    private static final Pattern PATIENT_REFERENCE = Pattern.compile("(?:^|/)Patient/([A-Za-z0-9\\-.]{1,64})$");

    /**
     * @throws IllegalArgumentException with a message safe to log (no token content)
     */
    public static PlanTokenResponse parse(String body) {
        JsonNode node;
        try {
            node = PlanJson.tree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("the token endpoint's answer is not JSON within the bounds the "
                + "extension reads (" + PlanJson.MAX_DEPTH + " levels, no key twice)");
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("the token endpoint's answer is not a JSON object");
        }
        Optional<String> access = bounded(node, "access_token", MAX_TOKEN_CHARS);
        if (access.isEmpty()) {
            throw new IllegalArgumentException("the token endpoint's answer has no access_token");
        }
        return new PlanTokenResponse(access.get(), bounded(node, "refresh_token", MAX_TOKEN_CHARS),
            seconds(node, "expires_in"), bounded(node, "scope", MAX_SCOPE_CHARS),
            bounded(node, "patient", MAX_PATIENT_CHARS), bounded(node, "id_token", MAX_TOKEN_CHARS),
            seconds(node, "refresh_expires_in"), text(node, GRANT_EXPIRATION).flatMap(PlanTokenResponse::instant));
    }

    /**
     * A time as Blue Button writes it ({@code 2026-09-05 19:17:53Z}) or in ISO 8601; anything else is read as not
     * said: a grant end the extension cannot read must not keep the member from linking.
     */
    static Optional<Instant> instant(String text) {
        if (text.length() > MAX_TIME_CHARS) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text.trim().replace(' ', 'T'),
                DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<Long> seconds(JsonNode node, String field) {
        return Optional.ofNullable(node.get(field)).filter(JsonNode::canConvertToLong).map(JsonNode::asLong)
            .filter(v -> v > 0);
    }

    /**
     * The member's Patient id as the plan stated it: the SMART {@code patient} launch context, else the
     * id_token's (see {@link #idTokenPatientId()}).
     */
    public Optional<String> statedPatientId() {
        return patient.or(this::idTokenPatientId);
    }

    /**
     * The id_token's {@code fhirUser} (when it names a Patient), else its {@code patient} claim. The id_token came
     * straight from the token endpoint over TLS, which OpenID Connect Core 3.1.3.7 accepts in place of checking
     * its signature.
     */
    public Optional<String> idTokenPatientId() {
        Optional<JsonNode> claims = idToken.flatMap(PlanTokenResponse::claims);
        Optional<String> fromFhirUser = claims.flatMap(c -> text(c, "fhirUser")).flatMap(PlanTokenResponse::patientOf);
        return fromFhirUser.or(() -> claims.flatMap(c -> text(c, "patient")));
    }

    static Optional<String> patientOf(String fhirUser) {
        Matcher m = PATIENT_REFERENCE.matcher(fhirUser);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static Optional<JsonNode> claims(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length < 2) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(PlanJson.tree(Base64.getUrlDecoder().decode(parts[1])));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** @throws IllegalArgumentException naming the field (never its value) when it is longer than {@code max} */
    private static Optional<String> bounded(JsonNode node, String field, int max) {
        Optional<String> value = text(node, field);
        if (value.isPresent() && value.get().length() > max) {
            throw new IllegalArgumentException("the token endpoint's answer has a " + field + " longer than " + max
                + " characters");
        }
        return value;
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() && !value.asText().isBlank()
            ? Optional.of(value.asText()) : Optional.empty();
    }

    /** Never prints tokens. */
    @Override
    public String toString() {
        return "PlanTokenResponse[scope=" + scope.orElse("") + ", patient=" + patient.orElse("") + "]";
    }
}
