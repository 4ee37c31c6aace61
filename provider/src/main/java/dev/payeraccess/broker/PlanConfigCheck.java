package dev.payeraccess.broker;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The save-time rules of a health plan's configuration, as messages an administrator can act on: each
 * names the field and says what to enter. Pure: the caller supplies the known FHIR resource types.
 */
public final class PlanConfigCheck {

    static final int MIN_TIMEOUT_MS = 1_000;
    static final int MAX_TIMEOUT_MS = 120_000;
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private PlanConfigCheck() {
    }

    /** Every problem of {@code config}; empty when it can be saved. Endpoints may still need discovery. */
    public static List<String> problems(PlanIdentityProviderConfig config, Set<String> knownResourceTypes) {
        List<String> problems = new ArrayList<>();
        Optional<String> base = config.fhirBaseUrl();
        if (base.isEmpty()) {
            problems.add("fhirBaseUrl is required: enter the plan's FHIR R4 base URL, e.g. "
                + "https://api.example-plan.com/r4.");
        } else {
            url(PlanIdentityProviderConfig.FHIR_BASE_URL, base.get(), false).ifPresent(problems::add);
        }
        optionalUrl(PlanIdentityProviderConfig.AUTHORIZATION_URL, config.getAuthorizationUrl())
            .ifPresent(problems::add);
        optionalUrl(PlanIdentityProviderConfig.TOKEN_URL, config.getTokenUrl()).ifPresent(problems::add);
        optionalUrl(PlanIdentityProviderConfig.REVOCATION_URL, config.revocationUrl().orElse(null))
            .ifPresent(problems::add);
        optionalUrl(PlanIdentityProviderConfig.LOGO_URL, config.logoUrl().orElse(null)).ifPresent(problems::add);
        resourceTypes(config.allowedResourceTypesText(), knownResourceTypes).ifPresent(problems::add);
        timeout(config.upstreamTimeoutText()).ifPresent(problems::add);
        clientAuth(config.getClientAuthMethod()).ifPresent(problems::add);
        problems.addAll(ProfileSettingsCheck.problems(config));
        return problems;
    }

    /**
     * What saving would say about {@code value} as the URL {@code field} of a plan: not an absolute http(s) URL, or
     * plain http beyond a loopback host. Empty for an https URL, and for http on a loopback host.
     */
    public static Optional<String> urlProblem(String field, String value) {
        return url(field, value, true);
    }

    private static Optional<String> optionalUrl(String field, String value) {
        return value == null || value.isBlank() ? Optional.empty() : url(field, value, true);
    }

    /**
     * An absolute https URL; plain http only to a loopback host (a plan simulator on the same machine),
     * because a payer token sent over http can be read by anyone on the path.
     */
    public static Optional<String> url(String field, String value, boolean queryAllowed) {
        URI uri;
        try {
            uri = new URI(value.trim());
        } catch (URISyntaxException e) {
            return Optional.of(field + " '" + value + "' is not a valid URL: enter an absolute https:// URL.");
        }
        String scheme = Optional.ofNullable(uri.getScheme()).orElse("").toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            return Optional.of(field + " '" + value
                + "' is not an absolute http(s) URL: enter it with https:// and the host.");
        }
        if (scheme.equals("http") && !LOOPBACK.contains(uri.getHost().toLowerCase(Locale.ROOT))) {
            return Optional.of(field + " '" + value + "' uses http://: health plan endpoints must use https:// "
                + "(http is accepted for localhost only).");
        }
        if (uri.getFragment() != null || !queryAllowed && uri.getQuery() != null) {
            return Optional.of(field + " '" + value + "' must not carry a query or fragment: enter the base URL only.");
        }
        return Optional.empty();
    }

    private static Optional<String> resourceTypes(String text, Set<String> known) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        List<String> unknown = PlanIdentityProviderConfig.splitList(text).stream().filter(t -> !known.contains(t))
            .toList();
        if (unknown.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(PlanIdentityProviderConfig.ALLOWED_RESOURCE_TYPES + ": " + String.join(", ", unknown)
            + (unknown.size() == 1 ? " is not a FHIR R4 resource type" : " are not FHIR R4 resource types")
            + ". Use FHIR names separated by commas, e.g. Patient, Coverage, ExplanationOfBenefit.");
    }

    private static Optional<String> timeout(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            long value = Long.parseLong(text.trim());
            if (value >= MIN_TIMEOUT_MS && value <= MAX_TIMEOUT_MS) {
                return Optional.empty();
            }
        } catch (NumberFormatException e) {
            // reported below with the allowed range
        }
        return Optional.of(PlanIdentityProviderConfig.UPSTREAM_TIMEOUT_MS + " '" + text + "' is out of range: enter "
            + "milliseconds between " + MIN_TIMEOUT_MS + " and " + MAX_TIMEOUT_MS + " (default "
            + PlanIdentityProviderConfig.DEFAULT_TIMEOUT_MS + ").");
    }

    private static Optional<String> clientAuth(String method) {
        if (method == null || PlanIdentityProviderConfig.CLIENT_AUTH_METHODS.contains(method)) {
            return Optional.empty();
        }
        return Optional.of(PlanIdentityProviderConfig.CLIENT_AUTH_METHOD + " '" + method + "' is not supported: use "
            + PlanIdentityProviderConfig.CLIENT_SECRET_POST + " (what 1upHealth's plans expect), "
            + PlanIdentityProviderConfig.CLIENT_SECRET_BASIC + " or " + PlanIdentityProviderConfig.PRIVATE_KEY_JWT
                + ".");
    }
}
