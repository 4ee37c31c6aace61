package dev.payeraccess.broker;

import dev.payeraccess.plan.PagingMode;
import dev.payeraccess.plan.PatientSource;
import dev.payeraccess.plan.PlanEndpoints;
import dev.payeraccess.plan.PlanProfile;
import dev.payeraccess.plan.RefreshTokens;
import dev.payeraccess.token.TokenBinding;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import org.keycloak.broker.oidc.OAuth2IdentityProviderConfig;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.RealmModel;

/**
 * The typed configuration of one health plan: the only class that knows the config keys and their
 * defaults. Keys are a public contract (README "Configuration of a health plan"); Keycloak stores them as
 * {@code config.<key>}.
 */
public class PlanIdentityProviderConfig extends OAuth2IdentityProviderConfig {

    public static final String FHIR_BASE_URL = "fhirBaseUrl";
    public static final String AUTHORIZATION_URL = "authorizationUrl";
    public static final String TOKEN_URL = TOKEN_ENDPOINT_URL;
    public static final String REVOCATION_URL = "revocationUrl";
    /** The keys Keycloak's own {@link OAuth2IdentityProviderConfig} getters read. */
    public static final String CLIENT_ID = "clientId";
    public static final String CLIENT_SECRET = "clientSecret";
    public static final String CLIENT_AUTH_METHOD = "clientAuthMethod";
    /** PKCE (RFC 7636); the key Keycloak's OAuth 2.0 broker reads. */
    public static final String PKCE = PKCE_ENABLED;
    public static final String DEFAULT_SCOPE = "defaultScope";
    public static final String SEND_SCOPE = "sendScope";
    public static final String SEND_AUDIENCE = "sendAudience";
    public static final String ALLOWED_RESOURCE_TYPES = "allowedResourceTypes";
    public static final String LOGO_URL = "logoUrl";
    public static final String PLAN_DESCRIPTION = "planDescription";
    public static final String UPSTREAM_TIMEOUT_MS = "upstreamTimeoutMs";
    /**
     * Whether people may sign in to Keycloak through this plan, not only link it. Off by default: a plan's
     * member check (name, birth date, member ID, ZIP code, all printed on an insurance card) is not a
     * password for an account of the organization. See {@link PlanSignInPolicy}.
     */
    public static final String ALLOW_PLAN_SIGN_IN = "allowPlanSignIn";

    /**
     * Where a plan added from a SMART User-access Brands Bundle came from: its brand's {@code Organization.identifier}
     * as a FHIR token ({@code system|value}) and its {@code Endpoint.address}, recorded when the import creates the
     * plan so a later import finds it again whatever its alias became. Provenance, not behaviour: off the admin
     * form, and so out of plan profiles ({@code dev.payeraccess.admin.SharedSettings} takes the form's keys).
     */
    public static final String BRAND_IDENTIFIER = "brandIdentifier";
    public static final String BRAND_ENDPOINT = "brandEndpoint";

    /**
     * Whether the administrator confirmed the endpoints SMART discovery filled in (the form's switch). Keycloak sends
     * members' codes, refresh tokens and the client credentials to them, so until this is on nothing is sent there
     * and no member can link the plan. Saving keeps it {@code false} while a discovered endpoint waits and
     * {@code true} once none does (endpoints the administrator typed are confirmed by typing them); absent on plans
     * saved before the switch existed, whose endpoints were pinned already, and so confirmed.
     */
    public static final String DISCOVERED_ENDPOINTS_CONFIRMED = "discoveredEndpointsConfirmed";
    /**
     * What discovery filled in, endpoint by endpoint (see {@link DiscoveredEndpoints}), so a later save tells what
     * the administrator typed from what the form sent back unchanged. Bookkeeping, not a setting: off the admin form,
     * and so out of plan profiles.
     */
    public static final String DISCOVERED_ENDPOINTS = "discoveredEndpoints";

    /** What the administrator reads (plan health, the log of the save) while {@link #endpointsConfirmed()} is false. */
    public static final String AWAITING_CONFIRMATION = "Waiting for the administrator to confirm the discovered "
        + "endpoints: compare authorizationUrl, tokenUrl and revocationUrl with the plan's developer documentation, "
        + "then turn on '" + PlanIdentityProviderFactory.DISCOVERED_ENDPOINTS_CONFIRMED_LABEL + "' (or type the "
        + "endpoints yourself). Until then no member can link the plan and nothing is sent to them.";

    /**
     * What members' links stored before tokens were bound (by the release before token binding) belong to: the
     * {@link TokenBinding#toRecord() record} of this plan's settings as they were when the extension first started
     * after the upgrade, or when the plan was created after that; {@value #NO_EARLY_LINKS} when no such link can be
     * the plan's. Recorded once and never changed by a save ({@link EarlyLinksBinding}); off the admin form, and so
     * out of plan profiles.
     */
    public static final String EARLY_LINKS_BOUND_TO = "earlyLinksBoundTo";
    /** {@value #EARLY_LINKS_BOUND_TO} of a plan no link stored before token binding belongs to. */
    static final String NO_EARLY_LINKS = "none";

    /** What the plan registered for this Keycloak: never in a plan profile shared with another organization. */
    public static final Set<String> CREDENTIALS = Set.of(CLIENT_ID, CLIENT_SECRET);
    /** This organization's own decisions about a plan: kept out of a shared plan profile, like the credentials. */
    public static final Set<String> ORGANIZATION_POLICY = Set.of(ALLOW_PLAN_SIGN_IN, DISCOVERED_ENDPOINTS_CONFIRMED);

    // Plan profile: how this plan bends the standard (README "Plan profiles").
    /** Keycloak's key for the JWS algorithm of {@value #PRIVATE_KEY_JWT} client assertions. */
    public static final String CLIENT_ASSERTION_SIGNING_ALG = "clientAssertionSigningAlg";
    public static final String SCOPE_STYLE = "scopeStyle";
    public static final String PATIENT_SOURCE = "patientSource";
    public static final String REFRESH_TOKENS = "refreshTokens";
    public static final String MAX_AUTHORIZATION_DAYS = "maxAuthorizationDays";
    /** How long the plan's refresh tokens stay valid unused; links are renewed in the background before then. */
    public static final String REFRESH_TOKEN_IDLE_SECONDS = "refreshTokenIdleSeconds";
    public static final String PAGING_HOSTS = "pagingHosts";
    public static final String PAGING_MODE = "pagingMode";
    public static final String OFFSET_PARAMETER = "offsetParameter";
    public static final String MAX_REQUESTS_PER_SECOND = "maxRequestsPerSecond";
    public static final String MAX_CONCURRENT_REQUESTS = "maxConcurrentRequests";

    /** RFC 6749 2.3.1: the body parameters 1upHealth's plans expect. */
    public static final String CLIENT_SECRET_POST = "client_secret_post";
    /** RFC 6749 2.3.1: HTTP Basic. */
    public static final String CLIENT_SECRET_BASIC = "client_secret_basic";
    /** RFC 7523 / SMART asymmetric client authentication: a JWT signed with a key of the realm. */
    public static final String PRIVATE_KEY_JWT = "private_key_jwt";
    public static final List<String> CLIENT_AUTH_METHODS = List.of(CLIENT_SECRET_POST, CLIENT_SECRET_BASIC,
        PRIVATE_KEY_JWT);
    /** SMART App Launch asks servers to support RS384 and ES384; RS256 and ES256 for plans that want them. */
    public static final List<String> CLIENT_ASSERTION_ALGORITHMS = List.of("RS384", "ES384", "RS256", "ES256");
    public static final String DEFAULT_CLIENT_ASSERTION_ALGORITHM = "RS384";
    /**
     * The values the form offers and saving accepts for {@value #SCOPE_STYLE}, {@value #REFRESH_TOKENS},
     * {@value #PAGING_MODE}.
     */
    public static final List<String> SCOPE_STYLES = Arrays.stream(ScopeStyle.values()).map(ScopeStyle::configName)
        .toList();
    public static final List<String> REFRESH_TOKEN_MODES = Arrays.stream(RefreshTokens.values())
        .map(RefreshTokens::configName).toList();
    public static final List<String> PAGING_MODES = Arrays.stream(PagingMode.values()).map(PagingMode::configName)
        .toList();

    /** Patient Access scope plus an id_token, which may carry the member's {@code fhirUser}. */
    public static final String DEFAULT_SCOPE_VALUE = "patient/*.read openid";
    public static final int DEFAULT_TIMEOUT_MS = 30_000;
    /** What the CMS Patient Access rule makes every plan offer. */
    public static final List<String> DEFAULT_RESOURCE_TYPES = List.of("Patient", "Coverage", "ExplanationOfBenefit",
        "Organization", "Practitioner", "PractitionerRole", "Location");

    public PlanIdentityProviderConfig() {
    }

    public PlanIdentityProviderConfig(IdentityProviderModel model) {
        super(model);
    }

    public Optional<String> fhirBaseUrl() {
        return value(FHIR_BASE_URL).map(PlanIdentityProviderConfig::withoutTrailingSlash);
    }

    /** Where and as whom Keycloak calls this plan, for the calls of {@code dev.payeraccess.plan}. */
    public PlanEndpoints endpoints() {
        return new PlanEndpoints(getAlias(), fhirBaseUrl().orElseThrow(), getTokenUrl(), revocationUrl(), getClientId(),
            new KeycloakClientAuthentication(this), upstreamTimeoutMs(), pagingHosts());
    }

    /** How this plan bends the standard; a setting left empty takes the standard behaviour. */
    public PlanProfile profile() {
        return new PlanProfile(patientSources(), refreshTokens(),
            number(MAX_AUTHORIZATION_DAYS).stream().mapToObj(days -> Duration.ofDays(days)).findFirst(),
            value(PAGING_MODE).flatMap(PagingMode::byConfigName).orElse(PagingMode.NEXT_LINKS),
            value(OFFSET_PARAMETER).orElse(PlanProfile.DEFAULT_OFFSET_PARAMETER),
            number(MAX_REQUESTS_PER_SECOND), number(MAX_CONCURRENT_REQUESTS),
            number(REFRESH_TOKEN_IDLE_SECONDS).stream().mapToObj(seconds -> Duration.ofSeconds(seconds)).findFirst());
    }

    /** The scope sent on authorize, as {@link #SCOPE_STYLE} builds it from the typed scopes and the allowed types. */
    public String authorizationScope() {
        return PlanScopes.requested(scopeStyle(), Optional.ofNullable(getDefaultScope()).orElse(DEFAULT_SCOPE_VALUE),
            allowedResourceTypes());
    }

    public ScopeStyle scopeStyle() {
        return value(SCOPE_STYLE).flatMap(ScopeStyle::byConfigName).orElse(ScopeStyle.AS_TYPED);
    }

    /** {@value #DEFAULT_CLIENT_ASSERTION_ALGORITHM} unless configured otherwise. */
    public String clientAssertionAlgorithm() {
        return value(CLIENT_ASSERTION_SIGNING_ALG).orElse(DEFAULT_CLIENT_ASSERTION_ALGORITHM);
    }

    /** Keycloak's broker signs client assertions with this; ours defaults to SMART's RS384, not Keycloak's RS256. */
    @Override
    public String getClientAssertionSigningAlg() {
        return clientAssertionAlgorithm();
    }

    public List<PatientSource> patientSources() {
        return value(PATIENT_SOURCE).map(PlanIdentityProviderConfig::splitList)
            .map(names -> names.stream().map(PatientSource::byConfigName).flatMap(Optional::stream).toList())
            .filter(sources -> !sources.isEmpty())
            .orElse(PlanProfile.DEFAULT_PATIENT_SOURCES);
    }

    public RefreshTokens refreshTokens() {
        return value(REFRESH_TOKENS).flatMap(RefreshTokens::byConfigName).orElse(RefreshTokens.REUSABLE);
    }

    /** The plan's other bases its {@code next} links may point at, without trailing slashes. */
    public List<String> pagingHosts() {
        return value(PAGING_HOSTS).map(PlanIdentityProviderConfig::splitList).orElse(List.of()).stream()
            .map(PlanIdentityProviderConfig::withoutTrailingSlash).toList();
    }

    /** The raw text of a setting, for the save-time checks that quote it back. */
    String text(String key) {
        return getConfig().get(key);
    }

    /** {@value #CLIENT_SECRET_POST} unless configured otherwise. */
    public String clientAuthMethod() {
        return value(CLIENT_AUTH_METHOD).orElse(CLIENT_SECRET_POST);
    }

    public Optional<String> revocationUrl() {
        return value(REVOCATION_URL);
    }

    public void setRevocationUrl(String url) {
        getConfig().put(REVOCATION_URL, url);
    }

    /** Whether the authorize request carries {@code scope} at all (some plans take none). */
    public boolean sendsScope() {
        return !"false".equalsIgnoreCase(getConfig().get(SEND_SCOPE));
    }

    /** SMART {@code aud={fhirBaseUrl}} on authorize; on unless switched off. */
    public boolean sendsAudience() {
        return !"false".equalsIgnoreCase(getConfig().get(SEND_AUDIENCE));
    }

    /** PKCE is on unless switched off, and always S256. */
    @Override
    public boolean isPkceEnabled() {
        return !"false".equalsIgnoreCase(getConfig().get(PKCE_ENABLED));
    }

    @Override
    public String getPkceMethod() {
        return "S256";
    }

    public List<String> allowedResourceTypes() {
        return value(ALLOWED_RESOURCE_TYPES).map(PlanIdentityProviderConfig::splitList).orElse(DEFAULT_RESOURCE_TYPES);
    }

    String allowedResourceTypesText() {
        return getConfig().get(ALLOWED_RESOURCE_TYPES);
    }

    public Optional<String> logoUrl() {
        return value(LOGO_URL);
    }

    public Optional<String> planDescription() {
        return value(PLAN_DESCRIPTION);
    }

    /** {@value #BRAND_IDENTIFIER}: the brand this plan was imported from, as {@code system|value}. */
    public Optional<String> brandIdentifier() {
        return value(BRAND_IDENTIFIER);
    }

    /** {@value #BRAND_ENDPOINT}: the brand's FHIR endpoint address this plan was imported from. */
    public Optional<String> brandEndpoint() {
        return value(BRAND_ENDPOINT).map(PlanIdentityProviderConfig::withoutTrailingSlash);
    }

    /**
     * The binding that links stored before tokens were bound belong to ({@value #EARLY_LINKS_BOUND_TO}); empty when
     * none of them can be this plan's.
     */
    public Optional<TokenBinding> earlyLinksBinding() {
        return earlyLinksRecord().flatMap(TokenBinding::fromRecord);
    }

    /** The text of {@value #EARLY_LINKS_BOUND_TO} as stored, if the plan has recorded it. */
    Optional<String> earlyLinksRecord() {
        return value(EARLY_LINKS_BOUND_TO);
    }

    void recordEarlyLinks(String record) {
        getConfig().put(EARLY_LINKS_BOUND_TO, record);
    }

    /** {@value #ALLOW_PLAN_SIGN_IN}: only the exact value {@code true} turns plan sign-in on; off by default. */
    public boolean allowsPlanSignIn() {
        return "true".equalsIgnoreCase(value(ALLOW_PLAN_SIGN_IN).orElse("false"));
    }

    /**
     * Whether Keycloak may use this plan's endpoints: false while endpoints SMART discovery filled in wait for the
     * administrator's confirmation ({@value #DISCOVERED_ENDPOINTS_CONFIRMED}). Only the exact value {@code false}
     * holds a plan back: a plan saved before the switch existed had its endpoints pinned already.
     */
    public boolean endpointsConfirmed() {
        return !"false".equalsIgnoreCase(value(DISCOVERED_ENDPOINTS_CONFIRMED).orElse("true"));
    }

    /**
     * The endpoints SMART discovery filled in that wait for the administrator's confirmation, setting key to value;
     * empty once they are confirmed or were typed.
     */
    public Map<String, String> endpointsAwaitingConfirmation() {
        return endpointsConfirmed() ? Map.of() : new TreeMap<>(discoveredEndpoints().values());
    }

    /** The endpoints discovery filled in that the administrator has neither retyped nor cleared since. */
    DiscoveredEndpoints discoveredEndpoints() {
        return DiscoveredEndpoints.parse(getConfig().get(DISCOVERED_ENDPOINTS)).unchangedIn(getConfig());
    }

    /** Whether the form's switch was on in this save. */
    boolean discoveredEndpointsSwitchedOn() {
        return "true".equalsIgnoreCase(value(DISCOVERED_ENDPOINTS_CONFIRMED).orElse("false"));
    }

    /**
     * Records which endpoints are still discovery's and whether they are confirmed; with none left, the record goes
     * and the plan's endpoints are the administrator's own.
     */
    void pinEndpoints(DiscoveredEndpoints untyped, boolean confirmed) {
        if (untyped.isEmpty()) {
            getConfig().remove(DISCOVERED_ENDPOINTS);
        } else {
            getConfig().put(DISCOVERED_ENDPOINTS, untyped.toJson());
        }
        getConfig().put(DISCOVERED_ENDPOINTS_CONFIRMED, String.valueOf(confirmed));
    }

    public int upstreamTimeoutMs() {
        return value(UPSTREAM_TIMEOUT_MS).map(v -> Integer.parseInt(v.trim())).orElse(DEFAULT_TIMEOUT_MS);
    }

    String upstreamTimeoutText() {
        return getConfig().get(UPSTREAM_TIMEOUT_MS);
    }

    /**
     * Refuses a configuration that cannot work (Keycloak turns the exception into HTTP 400 with its
     * message, on create, update and realm import) and fills the endpoints the plan publishes in its SMART
     * discovery document.
     */
    @Override
    public void validate(RealmModel realm) {
        new PlanConfigValidation(this, realm).validate();
    }

    /** Names separated by commas, whitespace, or the admin console's {@code ##}. */
    static List<String> splitList(String text) {
        return Arrays.stream(text.split("##|[,\\s]+")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** A whole number setting; empty when unset or not a number (saving refuses that, see {@link PlanConfigCheck}). */
    private OptionalInt number(String key) {
        try {
            return value(key).map(v -> OptionalInt.of(Integer.parseInt(v))).orElse(OptionalInt.empty());
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    private Optional<String> value(String key) {
        return Optional.ofNullable(getConfig().get(key)).map(String::trim).filter(v -> !v.isEmpty());
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
