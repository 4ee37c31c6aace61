package dev.payeraccess.broker;

import dev.payeraccess.plan.OutboundTargets;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The save-time rules of a health plan's configuration, as messages an administrator can act on: each
 * names the field and says what to enter. Pure but for the addresses: the caller supplies the known FHIR resource
 * types and the node's {@link OutboundTargets}, which may resolve a host's name.
 */
public final class PlanConfigCheck {

    /**
     * The path of the search across a member's plans, {@code fhir/_all}: a plan of this alias could never be reached
     * at {@code fhir/{alias}}.
     */
    public static final String ALL_PLANS_ALIAS = "_all";
    static final int MIN_TIMEOUT_MS = 1_000;
    static final int MAX_TIMEOUT_MS = 120_000;
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private PlanConfigCheck() {
    }

    /** Every problem of {@code config}; empty when it can be saved. Endpoints may still need discovery. */
    public static List<String> problems(PlanIdentityProviderConfig config, Set<String> knownResourceTypes,
                                        OutboundTargets targets) {
        List<String> problems = new ArrayList<>();
        if (ALL_PLANS_ALIAS.equals(config.getAlias())) {
            problems.add("Alias " + ALL_PLANS_ALIAS + " is reserved: fhir/" + ALL_PLANS_ALIAS + " is the search across "
                + "every plan a member linked. Choose another alias for this plan, e.g. its name in lower case.");
        }
        Optional<String> base = config.fhirBaseUrl();
        if (base.isEmpty()) {
            problems.add("fhirBaseUrl is required: enter the plan's FHIR R4 base URL, e.g. "
                + "https://api.example-plan.com/r4.");
        } else {
            url(PlanIdentityProviderConfig.FHIR_BASE_URL, base.get(), false, targets).ifPresent(problems::add);
        }
        optionalUrl(PlanIdentityProviderConfig.AUTHORIZATION_URL, config.getAuthorizationUrl(), targets)
            .ifPresent(problems::add);
        optionalUrl(PlanIdentityProviderConfig.TOKEN_URL, config.getTokenUrl(), targets).ifPresent(problems::add);
        optionalUrl(PlanIdentityProviderConfig.REVOCATION_URL, config.revocationUrl().orElse(null), targets)
            .ifPresent(problems::add);
        config.logoUrl().filter(logo -> !logo.isBlank())
            .flatMap(logo -> browserUrl(PlanIdentityProviderConfig.LOGO_URL, logo, true)).ifPresent(problems::add);
        resourceTypes(config.allowedResourceTypesText(), knownResourceTypes).ifPresent(problems::add);
        timeout(config.upstreamTimeoutText()).ifPresent(problems::add);
        clientAuth(config.getClientAuthMethod()).ifPresent(problems::add);
        problems.addAll(ProfileSettingsCheck.problems(config, targets));
        return problems;
    }

    /**
     * What saving would say about {@code value} as the URL {@code field} of a plan that Keycloak calls: not an
     * absolute http(s) URL, or one the node's {@code targets} refuses. Empty when Keycloak may call it.
     */
    public static Optional<String> urlProblem(String field, String value, OutboundTargets targets) {
        return url(field, value, true, targets);
    }

    private static Optional<String> optionalUrl(String field, String value, OutboundTargets targets) {
        return value == null || value.isBlank() ? Optional.empty() : url(field, value, true, targets);
    }

    /**
     * A URL Keycloak itself calls, sending tokens, secrets or members' data: an absolute URL that the node's
     * {@link OutboundTargets} allows (https to a public address; a private or loopback address, over http too, only
     * with the development switch on).
     */
    public static Optional<String> url(String field, String value, boolean queryAllowed, OutboundTargets targets) {
        Optional<String> syntax = syntax(field, value, queryAllowed);
        if (syntax.isPresent()) {
            return syntax;
        }
        return targets.refusal(value.trim()).map(refusal -> refusal.toAdministrator(field, value));
    }

    /**
     * A URL a member's browser loads, never Keycloak (a plan's logo): an absolute https URL, or plain http to a
     * loopback host (a plan simulator on the same machine), because a page over http can be altered on its way.
     */
    public static Optional<String> browserUrl(String field, String value, boolean queryAllowed) {
        Optional<String> syntax = syntax(field, value, queryAllowed);
        if (syntax.isPresent()) {
            return syntax;
        }
        URI uri = URI.create(value.trim());
        if (uri.getScheme().equalsIgnoreCase("http") && !LOOPBACK.contains(uri.getHost().toLowerCase(Locale.ROOT))) {
            return Optional.of(field + " '" + value + "' uses http://: it must use https:// "
                + "(http is accepted for localhost only).");
        }
        return Optional.empty();
    }

    private static Optional<String> syntax(String field, String value, boolean queryAllowed) {
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
