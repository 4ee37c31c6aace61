package dev.payeraccess.broker;

import dev.payeraccess.compat.IdentityProviderFlag;
import dev.payeraccess.fhir.R4;
import dev.payeraccess.plan.OutboundTargets;
import dev.payeraccess.plan.PlanConnections;
import dev.payeraccess.plan.SmartConfiguration;
import dev.payeraccess.plan.SmartDiscovery;
import dev.payeraccess.signin.PlanSignInFlows;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;
import org.keycloak.crypto.KeyUse;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.utils.KeycloakSessionUtil;

/**
 * Save-time validation of a plan: the pure rules of {@link PlanConfigCheck}, then, for an enabled plan, its
 * credentials, signing key and SMART discovery of the endpoints the administrator left empty (filled in, but not
 * used before the administrator confirms them), then the token-storage and sign-in settings this provider type
 * requires whatever the form says, and the record of what links stored before token binding belong to, which no
 * save changes ({@link EarlyLinksBinding}).
 */
final class PlanConfigValidation {

    private static final Logger LOG = Logger.getLogger(PlanConfigValidation.class);

    /** Where a plan's SMART configuration comes from: the plan itself, or a test's document. */
    interface SmartDocument {
        /** @throws IllegalArgumentException saying why there is no usable document */
        SmartConfiguration fetch(String fhirBaseUrl, int timeoutMs);
    }

    private final PlanIdentityProviderConfig config;
    private final RealmModel realm;
    private final SmartDocument smartDocument;
    private final Set<String> resourceTypes = new HashSet<>(R4.context().getResourceTypes());
    private final OutboundTargets targets;

    /** Where this node may call: a node option, never the realm's ({@link PlanConnections#targets()}). */
    PlanConfigValidation(PlanIdentityProviderConfig config, RealmModel realm) {
        this(config, realm, nodeTargets(), (base, timeoutMs) -> SmartDiscovery.fetch(session(), base, timeoutMs));
    }

    PlanConfigValidation(PlanIdentityProviderConfig config, RealmModel realm, SmartDocument smartDocument) {
        this(config, realm, nodeTargets(), smartDocument);
    }

    PlanConfigValidation(PlanIdentityProviderConfig config, RealmModel realm, OutboundTargets targets) {
        this(config, realm, targets, (base, timeoutMs) -> SmartDiscovery.fetch(session(), base, timeoutMs));
    }

    PlanConfigValidation(PlanIdentityProviderConfig config, RealmModel realm, OutboundTargets targets,
                         SmartDocument smartDocument) {
        this.config = config;
        this.realm = realm;
        this.targets = targets;
        this.smartDocument = smartDocument;
    }

    private static OutboundTargets nodeTargets() {
        return Optional.ofNullable(KeycloakSessionUtil.getKeycloakSession())
            .map(session -> session.getProvider(PlanConnections.class).targets())
            // No session (unit tests only): a node without the development switch that looks no name up.
            .orElseGet(() -> OutboundTargets.publicOnly(host -> {
                throw new UnknownHostException(host);
            }));
    }

    void validate() {
        List<String> problems = new ArrayList<>(PlanConfigCheck.problems(config, resourceTypes, targets));
        // A disabled plan may wait for its credentials and signing key: an imported plan profile carries neither.
        // Nothing calls a disabled plan, and enabling it is a save that runs these checks again.
        if (config.isEnabled() && isBlank(config.getClientId())) {
            problems.add(PlanIdentityProviderConfig.CLIENT_ID
                + " is required for an enabled plan: enter the client id "
                + "the plan registered for this Keycloak, or save the plan disabled until you have one.");
        }
        refuseIf(problems);
        if (config.isEnabled()) {
            requireSigningKey();
        }
        pinEndpoints(config.isEnabled() ? requireEndpoints() : DiscoveredEndpoints.NONE);
        enforceTokenStorage();
        enforceSignInRule();
        EarlyLinksBinding.keepOnSave(Optional.ofNullable(KeycloakSessionUtil.getKeycloakSession()), realm, config);
    }

    /**
     * An enabled plan needs its authorize and token endpoints: those left empty are taken from the plan's SMART
     * discovery document. A disabled plan is not asked: nothing calls it, and a plan added from a Brands Bundle or
     * a plan profile may wait disabled for the administrator, its only address a FHIR base that need not answer
     * yet. Enabling it is a save that discovers them, or refuses with the reason.
     *
     * @return the endpoints discovery filled in by this save; none when the administrator gave both
     */
    private DiscoveredEndpoints requireEndpoints() {
        return isBlank(config.getAuthorizationUrl()) || isBlank(config.getTokenUrl()) ? discoverEndpoints()
            : DiscoveredEndpoints.NONE;
    }

    private DiscoveredEndpoints discoverEndpoints() {
        String base = config.fhirBaseUrl().orElseThrow();
        SmartConfiguration smart;
        try {
            smart = smartDocument.fetch(base, config.upstreamTimeoutMs());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("authorizationUrl and tokenUrl are empty and could not be discovered: "
                + e.getMessage() + ". Enter both endpoints from the plan's developer documentation.");
        }
        Map<String, String> filled = new LinkedHashMap<>();
        if (isBlank(config.getAuthorizationUrl())) {
            config.setAuthorizationUrl(smart.authorizationEndpoint());
            filled.put(PlanIdentityProviderConfig.AUTHORIZATION_URL, smart.authorizationEndpoint());
        }
        if (isBlank(config.getTokenUrl())) {
            config.setTokenUrl(smart.tokenEndpoint());
            filled.put(PlanIdentityProviderConfig.TOKEN_URL, smart.tokenEndpoint());
        }
        if (config.revocationUrl().isEmpty() && smart.revocationEndpoint().isPresent()) {
            config.setRevocationUrl(smart.revocationEndpoint().get());
            filled.put(PlanIdentityProviderConfig.REVOCATION_URL, smart.revocationEndpoint().get());
        }
        if (config.isPkceEnabled() && smart.refusesS256()) {
            throw new IllegalArgumentException(PlanIdentityProviderConfig.PKCE
                + " is on but the plan's discovery document lists no S256 "
                + "code challenge method: switch PKCE off for this plan.");
        }
        // Discovered endpoints obey the same rules as typed ones (https, absolute).
        refuseIf(PlanConfigCheck.problems(config, resourceTypes, targets));
        LOG.infof("Health plan %s: filled %s in from %s. %s", config.getAlias(), String.join(", ", filled.keySet()),
            SmartDiscovery.url(base), PlanIdentityProviderConfig.AWAITING_CONFIRMATION);
        return new DiscoveredEndpoints(filled);
    }

    /**
     * Pins the endpoints Keycloak may use. Discovery's values are shown in the form but wait for the administrator:
     * those discovered by this save always (a second discovery may answer differently from the first, so the switch
     * never confirms values the administrator has not seen), earlier ones until the switch is on in a save that
     * sends them unchanged. An endpoint whose value the administrator changed is theirs, confirmed by typing it.
     */
    private void pinEndpoints(DiscoveredEndpoints filledNow) {
        DiscoveredEndpoints untyped = config.discoveredEndpoints().with(filledNow);
        boolean confirmed = untyped.isEmpty() || (filledNow.isEmpty() && config.discoveredEndpointsSwitchedOn());
        config.pinEndpoints(untyped, confirmed);
    }

    /**
     * {@code private_key_jwt} signs with the realm's active key of the plan's algorithm; a realm has RS256 keys by
     * default, not the RS384 or ES384 SMART asks for, so without one every code exchange would fail.
     */
    private void requireSigningKey() {
        if (!PlanIdentityProviderConfig.PRIVATE_KEY_JWT.equals(config.getClientAuthMethod())) {
            return;
        }
        String algorithm = config.clientAssertionAlgorithm();
        boolean found = session().keys().getKeysStream(realm, KeyUse.SIG, algorithm)
            .anyMatch(key -> key.getStatus() != null && key.getStatus().isActive());
        if (!found) {
            throw new IllegalArgumentException(PlanIdentityProviderConfig.CLIENT_AUTH_METHOD + " is "
                + PlanIdentityProviderConfig.PRIVATE_KEY_JWT + " but realm " + realm.getName() + " has no active "
                + algorithm + " key to sign with: add one in Realm settings > Keys > Add provider ("
                + (algorithm.startsWith("ES") ? "ecdsa-generated" : "rsa-generated") + ", algorithm " + algorithm
                + "), or pick the algorithm of a key the realm has in "
                    + PlanIdentityProviderConfig.CLIENT_ASSERTION_SIGNING_ALG
                + ".");
        }
    }

    /**
     * Payer tokens are stored on the link for the proxy, never handed out: Keycloak's broker token endpoint
     * must not serve them, whatever the form says.
     */
    private void enforceTokenStorage() {
        IdentityProviderFlag.STORE_TOKEN.set(config, true);
        IdentityProviderFlag.ADD_READ_TOKEN_ROLE_ON_CREATE.set(config, false);
        // The key Keycloak 26.6 added with setStoreTokenInSession; older versions never keep tokens in the
        // session for this provider, and ignore the key.
        config.getConfig().put("storeTokenInSession", "false");
        // Transient users (Keycloak 26.x "do not store users") keep no link, so nothing to store the tokens on.
        config.getConfig().put("doNotStoreUsers", "false");
    }

    /**
     * A plan is link-only unless {@value PlanIdentityProviderConfig#ALLOW_PLAN_SIGN_IN} is on, never a button on
     * the sign-in page, and never trusted for email. With plan sign-in on, its first-login and post-login flows
     * are this extension's (see {@link PlanSignInFlows}), so an existing account still needs its own password.
     */
    private void enforceSignInRule() {
        boolean signIn = config.allowsPlanSignIn();
        IdentityProviderFlag.LINK_ONLY.set(config, !signIn);
        IdentityProviderFlag.HIDE_ON_LOGIN.set(config, true);
        IdentityProviderFlag.TRUST_EMAIL.set(config, false);
        if (signIn) {
            PlanSignInFlows.Ids flows = PlanSignInFlows.ensureIn(realm);
            config.setFirstBrokerLoginFlowId(flows.firstLogin());
            config.setPostBrokerLoginFlowId(flows.verifyAccount());
        }
    }

    private static void refuseIf(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join(" ", problems));
        }
    }

    private static KeycloakSession session() {
        KeycloakSession session = KeycloakSessionUtil.getKeycloakSession();
        if (session == null) {
            throw new IllegalArgumentException("no Keycloak session to fetch the document with");
        }
        return session;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
