package dev.payeraccess.token;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.payeraccess.plan.PlanEndpoints;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a stored plan token was obtained for: the plan's FHIR base, token endpoint, revocation endpoint,
 * client id and paging hosts, as one digest. A token is sent only where its binding equals the plan's current one, so
 * an
 * administrator who re-points a plan at another host cannot make Keycloak hand that host the members' tokens;
 * the link becomes {@code relink-required} instead. The client secret is not part of it: rotating the
 * secret at the plan is routine and sends nothing to a new host.
 *
 * <p>The revocation endpoint is also kept as a URL, so unlinking revokes at the endpoint the token came
 * from, whatever the plan's configuration says by then.
 *
 * <p>Besides the links, a plan keeps one binding of its own: what links stored before tokens were bound belong to
 * ({@link #toRecord()}, recorded once per plan, see {@link StoredPlanToken#orBoundTo}).
 *
 * @param digest SHA-256 (base64url) of {@link #canonicalForm(PlanEndpoints)}
 * @param revocationUrl the plan's RFC 7009 endpoint when the token was obtained; empty if it had none
 */
public record TokenBinding(String digest, Optional<String> revocationUrl) {

    /** Names the canonical form, so a future form can never produce the same digest as this one. */
    private static final String FORM = "payer-access/token-binding/1";
    private static final ObjectMapper JSON = new ObjectMapper();

    public TokenBinding {
        Objects.requireNonNull(digest, "digest");
        revocationUrl = revocationUrl.filter(url -> !url.isBlank());
    }

    /** The one place that derives a binding from a plan's configuration. */
    public static TokenBinding of(PlanEndpoints plan) {
        return new TokenBinding(digest(canonicalForm(plan)), plan.revocationUrl());
    }

    /**
     * The binding as a small JSON object with the same fields a bound link stores ({@code bound_to},
     * {@code revocation_url}): how a plan records what its links stored before binding belong to.
     */
    public String toRecord() {
        ObjectNode node = JSON.createObjectNode().put("bound_to", digest);
        revocationUrl.ifPresent(url -> node.put("revocation_url", url));
        return node.toString();
    }

    /**
     * The binding {@link #toRecord()} wrote; empty for any other text, which then binds nothing. Read with a streaming
     * parser: every proxied read reads its plan's record, and a tree costs several times as much.
     */
    public static Optional<TokenBinding> fromRecord(String record) {
        try (JsonParser in = JSON.getFactory().createParser(record)) {
            if (in.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            String digest = null;
            Optional<String> url = Optional.empty();
            while (in.nextToken() == JsonToken.FIELD_NAME) {
                String field = in.currentName();
                JsonToken value = in.nextToken();
                if ("bound_to".equals(field)) {
                    digest = value == JsonToken.VALUE_STRING ? in.getText() : null; // the last one counts, as in a tree
                } else if ("revocation_url".equals(field)) {
                    url = value == JsonToken.VALUE_STRING ? Optional.of(in.getText()) : Optional.empty();
                }
                in.skipChildren();
            }
            if (in.currentToken() != JsonToken.END_OBJECT || digest == null || digest.isBlank()) {
                return Optional.empty();
            }
            return Optional.of(new TokenBinding(digest, url));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * A JSON array of the bound values exactly as the calls use them (no case folding or URL
     * normalisation: any change an administrator makes counts as a change). JSON's quoting keeps the
     * fields apart whatever characters they hold.
     */
    static String canonicalForm(PlanEndpoints plan) {
        List<String> fields = new ArrayList<>(List.of(FORM, plan.fhirBaseUrl(), orEmpty(plan.tokenUrl()),
            plan.revocationUrl().orElse(""), orEmpty(plan.clientId())));
        // Paging hosts are appended only when there are any, so links bound before they existed keep their digest.
        fields.addAll(plan.pagingHosts());
        try {
            return JSON.writeValueAsString(fields);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a list of strings is always JSON", e);
        }
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
