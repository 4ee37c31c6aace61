package dev.payeraccess.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.payeraccess.plan.PatientSource;
import dev.payeraccess.plan.PlanTokenResponse;
import dev.payeraccess.plan.RefreshTokens;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A plan's tokens as kept on the member's federated identity link. This class owns the stored shape
 * (version 1), which is encrypted before it reaches the database (see {@link LinkStore}):
 *
 * <pre>{
 *   "v": 1,
 *   "access_token": "...",            // the plan's access token
 *   "refresh_token": "...",           // absent when the plan issued none
 *   "expires_at": 1732345678,         // epoch seconds the access token expires; absent if the plan gave no expires_in
 *   "scope": "patient/*.read openid", // what the plan granted (its token response's scope)
 *   "patient": "123",                 // the member's FHIR Patient id at this plan
 *   "id_token": "...",                // absent unless the plan issued one
 *   "obtained_at": 1732342078,        // epoch seconds the access token was received (link or refresh)
 *   "linked_at": 1732342078,          // epoch seconds the member linked the plan; absent in early links
 *   "bound_to": "n4bQgYhMfWWaL-qgxVrQFaO_TxsrC4Is0V1sFbDwCgg", // TokenBinding digest; absent in early links
 *   "revocation_url": "https://...",  // the plan's revocation endpoint when bound; absent if it had none
 *   "patient_from": "token"           // where linking found the patient id (token, id_token or search);
 *                                     // absent in early links
 *   "refresh_expires_at": 1732345678  // epoch seconds the refresh token lapses if unused, when the plan said
 *                                     // (refresh_expires_in); absent otherwise
 *   "grant_ends_at": 1763878078       // epoch seconds the member's grant ends, when the plan said
 *                                     // (access_grant_expiration); absent otherwise
 * }</pre>
 *
 * <p>The binding fields are optional members of version 1 rather than a version 2: a link written by this
 * version stays readable by the previous one (which ignores them) if an upgrade is rolled back. A link
 * without {@code bound_to} was stored before tokens were bound; it belongs to the plan settings recorded once per
 * plan when the extension first started after the upgrade ({@link #orBoundTo}), never to whatever the settings are
 * at its first use. {@code patient_from} was added the same way: it
 * tells an administrator checking a plan whether the plan sends SMART's patient context.
 *
 * @param binding what the token was obtained for; empty for a link stored before tokens were bound
 * @param patientFrom where linking found {@code patient}; empty for a link stored before it was recorded
 * @param refreshExpiresAt when the refresh token lapses unused, as the plan's {@code refresh_expires_in} said
 * @param grantEndsAt when the member's grant ends, as the plan's {@code access_grant_expiration} said
 */
public record StoredPlanToken(String accessToken, Optional<String> refreshToken, Optional<Instant> expiresAt,
                               String scope, String patient, Optional<String> idToken, Instant obtainedAt,
                               Instant linkedAt, Optional<TokenBinding> binding, Optional<PatientSource> patientFrom,
                               Optional<Instant> refreshExpiresAt, Optional<Instant> grantEndsAt) {

    static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A token whose plan did not say when the grant ends. */
    public StoredPlanToken(String accessToken, Optional<String> refreshToken, Optional<Instant> expiresAt,
                            String scope, String patient, Optional<String> idToken, Instant obtainedAt,
                            Instant linkedAt, Optional<TokenBinding> binding, Optional<PatientSource> patientFrom,
                            Optional<Instant> refreshExpiresAt) {
        this(accessToken, refreshToken, expiresAt, scope, patient, idToken, obtainedAt, linkedAt, binding,
            patientFrom, refreshExpiresAt, Optional.empty());
    }

    /** A token whose plan did not say when its refresh token lapses. */
    public StoredPlanToken(String accessToken, Optional<String> refreshToken, Optional<Instant> expiresAt,
                            String scope, String patient, Optional<String> idToken, Instant obtainedAt,
                            Instant linkedAt, Optional<TokenBinding> binding, Optional<PatientSource> patientFrom) {
        this(accessToken, refreshToken, expiresAt, scope, patient, idToken, obtainedAt, linkedAt, binding,
            patientFrom, Optional.empty());
    }

    /** A token whose patient's source is not recorded. */
    public StoredPlanToken(String accessToken, Optional<String> refreshToken, Optional<Instant> expiresAt,
                            String scope, String patient, Optional<String> idToken, Instant obtainedAt,
                            Instant linkedAt, Optional<TokenBinding> binding) {
        this(accessToken, refreshToken, expiresAt, scope, patient, idToken, obtainedAt, linkedAt, binding,
            Optional.empty());
    }

    /** The shape above as JSON text. */
    public String toJson() {
        ObjectNode node = JSON.createObjectNode().put("v", VERSION).put("access_token", accessToken);
        refreshToken.ifPresent(r -> node.put("refresh_token", r));
        expiresAt.ifPresent(e -> node.put("expires_at", e.getEpochSecond()));
        node.put("scope", scope).put("patient", patient);
        idToken.ifPresent(t -> node.put("id_token", t));
        node.put("obtained_at", obtainedAt.getEpochSecond()).put("linked_at", linkedAt.getEpochSecond());
        binding.ifPresent(b -> {
            node.put("bound_to", b.digest());
            b.revocationUrl().ifPresent(url -> node.put("revocation_url", url));
        });
        patientFrom.ifPresent(source -> node.put("patient_from", source.configName()));
        refreshExpiresAt.ifPresent(e -> node.put("refresh_expires_at", e.getEpochSecond()));
        grantEndsAt.ifPresent(e -> node.put("grant_ends_at", e.getEpochSecond()));
        return node.toString();
    }

    /**
     * @throws IllegalArgumentException when the text is not the stored shape
     */
    public static StoredPlanToken fromJson(String json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("Stored payer token is not JSON", e);
        }
        if (node == null || node.path("v").asInt() != VERSION || !node.hasNonNull("access_token")) {
            throw new IllegalArgumentException("Stored payer token has an unknown shape");
        }
        try {
            return fromNode(node);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("Stored payer token has a time out of range", e);
        }
    }

    private static StoredPlanToken fromNode(JsonNode node) {
        Instant obtainedAt = Instant.ofEpochSecond(node.path("obtained_at").asLong());
        return new StoredPlanToken(node.get("access_token").asText(), text(node, "refresh_token"),
            Optional.ofNullable(node.get("expires_at")).map(JsonNode::asLong).map(Instant::ofEpochSecond),
            node.path("scope").asText(""), node.path("patient").asText(""), text(node, "id_token"), obtainedAt,
            Optional.ofNullable(node.get("linked_at")).map(JsonNode::asLong).map(Instant::ofEpochSecond)
                .orElse(obtainedAt),
            text(node, "bound_to").map(digest -> new TokenBinding(digest, text(node, "revocation_url"))),
            text(node, "patient_from").flatMap(PatientSource::byConfigName),
            epochSeconds(node, "refresh_expires_at"), epochSeconds(node, "grant_ends_at"));
    }

    private static Optional<Instant> epochSeconds(JsonNode node, String field) {
        return Optional.ofNullable(node.get(field)).map(JsonNode::asLong).map(Instant::ofEpochSecond);
    }

    /**
     * What is stored on the link when the member links the plan and {@code patientId} is known.
     *
     * @param obtainedFor the binding of the plan configuration the code was redeemed with
     */
    public static StoredPlanToken linked(PlanTokenResponse answer, String patientId, Instant now,
                                          TokenBinding obtainedFor) {
        return linked(answer, patientId, now, obtainedFor, RefreshTokens.REUSABLE);
    }

    /**
     * @param refreshTokens what the plan's refresh tokens are good for: with {@link RefreshTokens#NONE} a
     *     refresh token the plan sent anyway is not kept, since it is never used
     */
    public static StoredPlanToken linked(PlanTokenResponse answer, String patientId, Instant now,
                                          TokenBinding obtainedFor, RefreshTokens refreshTokens) {
        Optional<String> refresh = answer.refreshToken().filter(r -> refreshTokens != RefreshTokens.NONE);
        return new StoredPlanToken(answer.accessToken(), refresh, answer.expiresIn().map(now::plusSeconds),
            answer.scope().orElse(""), patientId, answer.idToken(), now, now, Optional.of(obtainedFor),
            Optional.empty(), refreshLapse(answer, refresh, now), answer.grantEndsAt());
    }

    /** When the refresh token kept from {@code answer} lapses unused, if the plan said. */
    private static Optional<Instant> refreshLapse(PlanTokenResponse answer, Optional<String> refresh, Instant now) {
        return refresh.isEmpty() ? Optional.empty() : answer.refreshExpiresIn().map(now::plusSeconds);
    }

    /** The same tokens, recording that linking found the patient id in {@code source}. */
    public StoredPlanToken patientFoundIn(PatientSource source) {
        return new StoredPlanToken(accessToken, refreshToken, expiresAt, scope, patient, idToken, obtainedAt, linkedAt,
            binding, Optional.of(source), refreshExpiresAt, grantEndsAt);
    }

    /**
     * Whether this token may be sent with a plan configuration whose binding is {@code current}: it was
     * obtained for exactly that configuration. A token without a binding is never usable: where it came from is
     * not known (see {@link #orBoundTo}).
     */
    public boolean usableWith(TokenBinding current) {
        return binding.map(current::equals).orElse(false);
    }

    /**
     * This token, or, when it was stored before tokens were bound, the same tokens bound to {@code earlyLinks}:
     * the binding the plan recorded once, when the extension first started after the upgrade, of its settings as
     * they were then. A plan's settings at a link's first use prove nothing: an administrator may have re-pointed
     * the plan between the upgrade and that use. Without a record the token stays unbound, and so unusable.
     */
    public StoredPlanToken orBoundTo(Optional<TokenBinding> earlyLinks) {
        return binding.isPresent() ? this : earlyLinks.map(this::boundTo).orElse(this);
    }

    /** The same tokens bound to {@code obtainedFor}. */
    public StoredPlanToken boundTo(TokenBinding obtainedFor) {
        return new StoredPlanToken(accessToken, refreshToken, expiresAt, scope, patient, idToken, obtainedAt, linkedAt,
            Optional.of(obtainedFor), patientFrom, refreshExpiresAt, grantEndsAt);
    }

    /**
     * The link after the plan answered a refresh: the new access token, the rotated refresh token when the
     * plan sent one (else the old one stays valid, RFC 6749 section 6), the newly granted scope when the
     * plan stated one. The member, the date they linked and the binding stay: a renewal goes to the token
     * endpoint the token is bound to.
     */
    public StoredPlanToken renewedBy(PlanTokenResponse answer, Instant now) {
        return renewedBy(answer, now, RefreshTokens.REUSABLE);
    }

    /**
     * {@link #renewedBy(PlanTokenResponse, Instant)}, except that a plan with {@link RefreshTokens#ROTATING}
     * refresh tokens spent the old one: an answer without a new one leaves the link with none.
     */
    public StoredPlanToken renewedBy(PlanTokenResponse answer, Instant now, RefreshTokens refreshTokens) {
        Optional<String> next = refreshTokens == RefreshTokens.ROTATING ? answer.refreshToken()
            : answer.refreshToken().or(() -> refreshToken);
        // A lapse the answer does not restate is unknown from now on: the kept refresh token was just used.
        return new StoredPlanToken(answer.accessToken(), next,
            answer.expiresIn().map(now::plusSeconds), answer.scope().orElse(scope), patient,
            answer.idToken().or(() -> idToken), now, linkedAt, binding, patientFrom, refreshLapse(answer, next, now),
            answer.grantEndsAt().or(() -> grantEndsAt));
    }

    /**
     * When the member's authorization ends: the earlier of what the plan said ({@code access_grant_expiration}) and
     * {@code max} from linking, when the plan's profile caps it.
     */
    public Optional<Instant> authorizationEndsAt(Optional<Duration> max) {
        Optional<Instant> capped = max.map(linkedAt::plus);
        if (capped.isEmpty() || grantEndsAt.isEmpty()) {
            return capped.or(() -> grantEndsAt);
        }
        return Optional.of(capped.get().isBefore(grantEndsAt.get()) ? capped.get() : grantEndsAt.get());
    }

    boolean authorizationEnded(Optional<Duration> max, Instant now) {
        return authorizationEndsAt(max).map(end -> !end.isAfter(now)).orElse(false);
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isEmpty() ? Optional.empty()
            : Optional.of(value.asText());
    }

    /** Never prints the tokens, so a stray log line or exception message cannot leak them. */
    @Override
    public String toString() {
        return "StoredPlanToken[patient=" + patient + ", scope=" + scope + ", expiresAt=" + expiresAt.orElse(null)
            + ", refreshable=" + refreshToken.isPresent() + ", bound=" + binding.isPresent() + "]";
    }
}
