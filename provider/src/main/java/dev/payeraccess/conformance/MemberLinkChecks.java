package dev.payeraccess.conformance;

import dev.payeraccess.broker.PlanIdentityProviderConfig;
import dev.payeraccess.fhir.SmartScopes;
import dev.payeraccess.plan.PatientSource;
import dev.payeraccess.plan.RefreshTokens;
import dev.payeraccess.token.StoredPlanToken;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one member's link to the plan shows about the plan's token endpoint: whether it issued a refresh token,
 * how long its access tokens last, what it granted against what linking asked for, and where linking found the
 * member's Patient id. Details never hold a token or the member's data: the member is "the member", their
 * Patient "the member's Patient".
 */
final class MemberLinkChecks {

    static final String REFRESH_TOKEN = "refresh-token";
    static final String TOKEN_LIFETIME = "access-token-lifetime";
    static final String GRANTED_SCOPE = "granted-scope";
    static final String PATIENT_CONTEXT = "patient-context";
    static final List<String> CHECKS = List.of(REFRESH_TOKEN, TOKEN_LIFETIME, GRANTED_SCOPE, PATIENT_CONTEXT,
        PagingCheck.CHECK);

    /** Shorter access tokens are renewed on nearly every read. */
    private static final Duration SHORT_LIFETIME = Duration.ofMinutes(1);

    private MemberLinkChecks() {
    }

    /** Every member check skipped, saying why (no member named, or the link cannot be read). */
    static List<Finding> skipped(String why) {
        return CHECKS.stream().map(check -> Finding.skipped(check, why)).toList();
    }

    static List<Finding> of(PlanIdentityProviderConfig plan, StoredPlanToken stored) {
        return List.of(refreshToken(plan.refreshTokens(), stored, plan.authorizationScope()),
            lifetime(stored), grantedScope(plan.authorizationScope(), stored.scope(), plan.allowedResourceTypes()),
            patientContext(stored));
    }

    static Finding refreshToken(RefreshTokens setting, StoredPlanToken stored, String asked) {
        String key = PlanIdentityProviderConfig.REFRESH_TOKENS;
        if (stored.refreshToken().isPresent()) {
            return setting == RefreshTokens.NONE
                ? Finding.warn(REFRESH_TOKEN, "The link holds a refresh token, but " + key + " is none, so it is "
                    + "never used and the member relinks when the access token expires.", key,
                    RefreshTokens.REUSABLE.configName())
                : Finding.pass(REFRESH_TOKEN, "The plan issued a refresh token: the link renews itself (" + key + " "
                    + setting.configName() + ").");
        }
        if (setting == RefreshTokens.NONE) {
            return Finding.pass(REFRESH_TOKEN, "No refresh token, as " + key + " none expects: the member relinks when "
                + "the access token expires.");
        }
        String offline = Arrays.asList(asked.trim().split("\\s+")).contains("offline_access") ? ""
            : " Some plans issue refresh tokens only for the scope offline_access, which linking does not ask for.";
        return Finding.warn(REFRESH_TOKEN, "The plan issued no refresh token for this link (or a rotating one ran "
            + "out): it turns relink-required when the access token expires." + offline, key,
            RefreshTokens.NONE.configName());
    }

    static Finding lifetime(StoredPlanToken stored) {
        if (stored.expiresAt().isEmpty()) {
            return Finding.warn(TOKEN_LIFETIME, "The plan's token answer had no expires_in: the proxy uses the access "
                + "token until the plan refuses it, then renews it.");
        }
        Duration lifetime = Duration.between(stored.obtainedAt(), stored.expiresAt().get());
        if (lifetime.compareTo(SHORT_LIFETIME) < 0) {
            return Finding.warn(TOKEN_LIFETIME, "The plan's access tokens last " + lifetime.toSeconds()
                + " s: they are renewed on nearly every read.");
        }
        return Finding.pass(TOKEN_LIFETIME, "The plan's access tokens last " + describe(lifetime) + ".");
    }

    static Finding grantedScope(String asked, String granted, List<String> allowed) {
        if (granted.isBlank()) {
            return Finding.warn(GRANTED_SCOPE, "The plan's token answer stated no scope: the proxy cannot tell which "
                + "types the member granted and forwards every allowed type; the plan enforces its grant.");
        }
        Set<String> notGranted = new LinkedHashSet<>(Arrays.asList(asked.trim().split("\\s+")));
        notGranted.removeAll(Arrays.asList(granted.trim().split("\\s+")));
        notGranted.remove("");
        String unasked = notGranted.isEmpty() ? ""
            : " Asked for but not granted: " + String.join(" ", notGranted) + ".";
        List<String> withheld = allowed.stream().filter(t -> !SmartScopes.grantedByPlan(granted, t)).toList();
        if (withheld.isEmpty()) {
            return Finding.pass(GRANTED_SCOPE, "The plan granted " + granted.trim() + ", which covers every allowed "
                + "type." + unasked);
        }
        String key = PlanIdentityProviderConfig.ALLOWED_RESOURCE_TYPES;
        String detail = "The plan granted " + granted.trim() + ", which does not cover " + String.join(", ", withheld)
            + ": the proxy refuses those for this member." + unasked;
        List<String> covered = allowed.stream().filter(t -> !withheld.contains(t)).toList();
        return covered.isEmpty() ? Finding.warn(GRANTED_SCOPE, detail)
            : new Finding(GRANTED_SCOPE, Finding.Result.WARN, detail + " Ask for them (Scopes, scopeStyle), or allow "
                + "only what the plan grants.", Map.of(key, String.join(", ", covered)));
    }

    static Finding patientContext(StoredPlanToken stored) {
        String key = PlanIdentityProviderConfig.PATIENT_SOURCE;
        if (stored.patientFrom().isEmpty()) {
            return Finding.skipped(PATIENT_CONTEXT, "The link was stored before this version recorded where the "
                + "member's Patient id came from: the member's next link will tell.");
        }
        PatientSource source = stored.patientFrom().get();
        return switch (source) {
            case TOKEN -> Finding.pass(PATIENT_CONTEXT, "The plan named the member's Patient with SMART's patient "
                + "context in the token answer.");
            case ID_TOKEN -> Finding.warn(PATIENT_CONTEXT, "The plan sent no SMART patient context with the token; the "
                + "id_token named the member's Patient.", key, "id_token, search");
            case SEARCH -> Finding.warn(PATIENT_CONTEXT, "The plan named the member's Patient neither with the token "
                + "nor in an id_token; a Patient search found it. A sign-in that sees several Patients (a parent with "
                + "dependents) cannot be linked at such a plan.", key, "search");
        };
    }

    private static String describe(Duration lifetime) {
        if (lifetime.toHours() >= 2) {
            return lifetime.toHours() + " hours";
        }
        return lifetime.toMinutes() + " minutes";
    }
}
