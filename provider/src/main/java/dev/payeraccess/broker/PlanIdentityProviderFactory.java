package dev.payeraccess.broker;

import dev.payeraccess.compat.KeycloakVersion;
import dev.payeraccess.plan.PagingMode;
import dev.payeraccess.plan.RefreshTokens;
import java.util.List;
import org.keycloak.broker.provider.AbstractIdentityProviderFactory;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * Registers the "Health plan (FHIR R4)" identity provider type. The admin console draws its form from
 * {@link #getConfigProperties()}; the id contains none of {@code oidc}, {@code saml}, {@code oauth2}, so
 * the console does not mistake it for a built-in type.
 */
public final class PlanIdentityProviderFactory extends AbstractIdentityProviderFactory<PlanIdentityProvider> {

    public static final String PROVIDER_ID = "payer";
    /** The form's label of {@value PlanIdentityProviderConfig#ALLOW_PLAN_SIGN_IN}, also named in logs. */
    static final String ALLOW_PLAN_SIGN_IN_LABEL = "Allow sign-in through this plan (risky)";
    /** The form's label of {@value PlanIdentityProviderConfig#DISCOVERED_ENDPOINTS_CONFIRMED}, named in messages. */
    static final String DISCOVERED_ENDPOINTS_CONFIRMED_LABEL = "Discovered endpoints confirmed";

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getName() {
        return "Health plan (FHIR R4)";
    }

    /**
     * Declared with our provider type: the account console finds linkable providers by this return type.
     * The instance is the one whose broker callback matches this Keycloak's (the type moved in 26.5).
     */
    @Override
    public PlanIdentityProvider create(KeycloakSession session, IdentityProviderModel model) {
        PlanIdentityProviderConfig config = new PlanIdentityProviderConfig(model);
        return KeycloakVersion.HAS_USER_AUTHENTICATION_CALLBACK
            ? new ModernCallbackPlanIdentityProvider(session, config)
            : legacy(session, config);
    }

    /** Only reached on Keycloak 26.4, the one version whose callback type the legacy class implements. */
    private static PlanIdentityProvider legacy(KeycloakSession session, PlanIdentityProviderConfig config) {
        try {
            return (PlanIdentityProvider) Class.forName("dev.payeraccess.broker.LegacyCallbackPlanIdentityProvider")
                .getDeclaredConstructor(KeycloakSession.class, PlanIdentityProviderConfig.class)
                .newInstance(session, config);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("The extension JAR lacks its Keycloak 26.4 identity provider", e);
        }
    }

    /**
     * Once Keycloak has started (after its migrations and realm imports), plans saved before plans became
     * link-only by default are made link-only (see {@link LinkOnlyUpgrade}), and each plan without one records what
     * links stored before token binding belong to (see {@link EarlyLinksBinding}).
     */
    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof PostMigrationEvent) {
                KeycloakModelUtils.runJobInTransaction(factory, LinkOnlyUpgrade::run);
                EarlyLinksBinding.recordAtStart(factory);
            }
        });
    }


    @Override
    public PlanIdentityProviderConfig createConfig() {
        return new PlanIdentityProviderConfig();
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return settingsForm();
    }

    /**
     * The admin form's settings, without a factory instance: the plan profile export reads the setting names
     * from here, so a setting added to the form is shared in plan profiles too.
     */
    public static List<ProviderConfigProperty> settingsForm() {
        return ProviderConfigurationBuilder.create()
            .property().name(PlanIdentityProviderConfig.FHIR_BASE_URL).label("FHIR base URL")
            .helpText("The plan's FHIR R4 base, e.g. https://api.1updemohealthplan.com/r4. Required. The proxy only "
                + "ever calls URLs under it, and SMART discovery reads {base}/.well-known/smart-configuration.")
            .type(ProviderConfigProperty.STRING_TYPE).required(true).add()
            .property().name(PlanIdentityProviderConfig.AUTHORIZATION_URL).label("Authorization URL")
            .helpText("The plan's authorize endpoint, e.g. https://auth.1updemohealthplan.com/oauth2/authorize/test. "
                + "Leave empty to take it from the plan's SMART discovery document.")
            .type(ProviderConfigProperty.STRING_TYPE).add()
            .property().name(PlanIdentityProviderConfig.TOKEN_URL).label("Token URL")
            .helpText("The plan's token endpoint, e.g. https://auth.1updemohealthplan.com/oauth2/token. Leave empty to "
                + "take it from SMART discovery.")
            .type(ProviderConfigProperty.STRING_TYPE).add()
            .property().name(PlanIdentityProviderConfig.REVOCATION_URL).label("Revocation URL")
            .helpText("RFC 7009 endpoint used when a member unlinks the plan. Optional; discovered when published.")
            .type(ProviderConfigProperty.STRING_TYPE).add()
            .property().name(PlanIdentityProviderConfig.DISCOVERED_ENDPOINTS_CONFIRMED)
                .label(DISCOVERED_ENDPOINTS_CONFIRMED_LABEL)
            .helpText("Keycloak sends members' authorization codes and refresh tokens, and this plan's client id and "
                + "secret, to the authorization, token and revocation URLs above. Those left empty are filled in from "
                + "the plan's SMART configuration ({FHIR base URL}/.well-known/smart-configuration) when the plan is "
                + "saved enabled, and that document is the plan's word, not yours. Members can connect the plan only "
                + "after you compared the filled-in URLs with the plan's developer documentation and turned this on. "
                + "URLs you type yourself are confirmed by typing them; emptying them again discovers them again, "
                + "unconfirmed.")
            .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("false").add()
            .property().name(PlanIdentityProviderConfig.CLIENT_AUTH_METHOD).label("Client authentication")
            .helpText("How Keycloak authenticates to the plan's token and revocation endpoints: client_secret_post "
                + "(what 1upHealth's plans expect), client_secret_basic (HTTP Basic), or private_key_jwt (SMART "
                + "asymmetric authentication: a JWT signed with a key of this realm; register the realm's JWKS URL, "
                + "{server}/realms/{realm}/protocol/openid-connect/certs, with the plan).")
            .type(ProviderConfigProperty.LIST_TYPE).options(PlanIdentityProviderConfig.CLIENT_AUTH_METHODS)
            .defaultValue(PlanIdentityProviderConfig.CLIENT_SECRET_POST).add()
            .property().name(PlanIdentityProviderConfig.CLIENT_ASSERTION_SIGNING_ALG)
                .label("Client assertion signature algorithm")
            .helpText("For private_key_jwt only. SMART asks plans to accept RS384 and ES384. The realm needs an active "
                + "key of this algorithm (Realm settings > Keys > Add provider: rsa-generated or ecdsa-generated).")
            .type(ProviderConfigProperty.LIST_TYPE).options(PlanIdentityProviderConfig.CLIENT_ASSERTION_ALGORITHMS)
            .defaultValue(PlanIdentityProviderConfig.DEFAULT_CLIENT_ASSERTION_ALGORITHM).add()
            .property().name(PlanIdentityProviderConfig.DEFAULT_SCOPE).label("Scopes")
            .helpText("Scopes sent on authorize, separated by spaces. Default: patient/*.read openid. Some plans ask "
                + "for user/*.read or launch/patient instead; see the plan's developer documentation.")
            .type(ProviderConfigProperty.STRING_TYPE).defaultValue(PlanIdentityProviderConfig.DEFAULT_SCOPE_VALUE)
                .add()
            .property().name(PlanIdentityProviderConfig.SEND_SCOPE).label("Send scopes")
            .helpText("Switch off for plans that take no scope parameter at all.")
            .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("true").add()
            .property().name(PlanIdentityProviderConfig.PKCE).label("PKCE (S256)")
            .helpText("Send a PKCE S256 code challenge on authorize. On by default; switch off only for plans that "
                + "reject it.")
            .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("true").add()
            .property().name(PlanIdentityProviderConfig.SEND_AUDIENCE).label("Send SMART audience")
            .helpText("Send aud={FHIR base URL} on authorize, as SMART App Launch requires.")
            .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("true").add()
            .property().name(PlanIdentityProviderConfig.SCOPE_STYLE).label("Scope style")
            .helpText("as-typed: the Scopes above, exactly. smart-v1: patient/*.read. smart-v2: patient/*.rs. "
                + "smart-v1-granular / smart-v2-granular: one scope per allowed resource type (patient/Coverage.read, "
                + "or .rs), for plans that refuse wildcards. The styles keep the Scopes' other scopes (openid, "
                + "fhirUser, offline_access).")
            .type(ProviderConfigProperty.LIST_TYPE).options(PlanIdentityProviderConfig.SCOPE_STYLES)
            .defaultValue(ScopeStyle.AS_TYPED.configName()).add()
            .property().name(PlanIdentityProviderConfig.ALLOWED_RESOURCE_TYPES).label("Allowed resource types")
            .helpText("FHIR resource types the proxy forwards for this plan, separated by commas. Default: "
                + String.join(", ", PlanIdentityProviderConfig.DEFAULT_RESOURCE_TYPES)
                + ". Add clinical types (e.g. Encounter, Observation) for plans that serve them.")
            .type(ProviderConfigProperty.STRING_TYPE).add()
            .property().name(PlanIdentityProviderConfig.LOGO_URL).label("Logo URL")
            .helpText("Logo shown in the plan picker. Optional, https.")
            .type(ProviderConfigProperty.STRING_TYPE).add()
            .property().name(PlanIdentityProviderConfig.PLAN_DESCRIPTION).label("Plan description")
            .helpText("One sentence shown under the plan's name in the picker. Optional.")
            .type(ProviderConfigProperty.TEXT_TYPE).add()
            .property().name(PlanIdentityProviderConfig.UPSTREAM_TIMEOUT_MS).label("Plan timeout (ms)")
            .helpText("How long to wait for the plan on each request, 1000 to 120000 milliseconds. Default 30000.")
            .type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(String.valueOf(PlanIdentityProviderConfig.DEFAULT_TIMEOUT_MS)).add()
            .property().name(PlanIdentityProviderConfig.PATIENT_SOURCE).label("Member's patient id from")
            .helpText("Where to find the member's FHIR Patient id when the plan is linked, in order: token (SMART's "
                + "patient in the token response), id_token (its fhirUser or patient claim), search (GET Patient with "
                + "the new token, which must find exactly one). Default: token, id_token, search.")
            .type(ProviderConfigProperty.STRING_TYPE).add()
            .property().name(PlanIdentityProviderConfig.REFRESH_TOKENS).label("Refresh tokens")
            .helpText("reusable (default): a refresh token stays valid until the plan sends a new one. rotating: each "
                + "works once (CMS Blue Button 2.0). none: the plan issues none; the member relinks when the access "
                + "token expires.")
            .type(ProviderConfigProperty.LIST_TYPE).options(PlanIdentityProviderConfig.REFRESH_TOKEN_MODES)
            .defaultValue(RefreshTokens.REUSABLE.configName()).add()
            .property().name(PlanIdentityProviderConfig.MAX_AUTHORIZATION_DAYS)
                .label("Maximum authorization period (days)")
            .helpText("For plans that end a member's authorization after a fixed time (CMS Blue Button: 13 months, "
                + "enter 395). The link shows when it ends and must be connected again after. Empty: no limit.")
            .type(ProviderConfigProperty.STRING_TYPE).add()
            .property().name(PlanIdentityProviderConfig.PAGING_MODE).label("Paging")
            .helpText("next-links (default): follow the Bundle's next links. offset: the plan pages by an offset "
                + "parameter and sends no usable next link; the proxy writes it.")
            .type(ProviderConfigProperty.LIST_TYPE).options(PlanIdentityProviderConfig.PAGING_MODES)
            .defaultValue(PagingMode.NEXT_LINKS.configName()).add()
            .property().name(PlanIdentityProviderConfig.OFFSET_PARAMETER).label("Offset parameter")
            .helpText("For offset paging: the query parameter the plan takes, e.g. _offset (default), "
                + "_getpagesoffset or startIndex.")
            .type(ProviderConfigProperty.STRING_TYPE).add()
            .property().name(PlanIdentityProviderConfig.PAGING_HOSTS).label("Paging hosts")
            .helpText("Other base URLs of the plan its next links may point at (a CDN or API gateway), separated by "
                + "commas, https. The member's token is sent there too, and nowhere else outside the FHIR base URL. "
                + "Apps only ever see the proxy's own page links.")
            .type(ProviderConfigProperty.STRING_TYPE).add()
            .property().name(PlanIdentityProviderConfig.MAX_REQUESTS_PER_SECOND).label("Maximum requests per second")
            .helpText("The most FHIR requests per second each Keycloak node sends this plan; beyond it apps get 429 "
                + "with Retry-After. Empty: no limit. A plan's own 429 and Retry-After are always honoured.")
            .type(ProviderConfigProperty.STRING_TYPE).add()
            .property().name(PlanIdentityProviderConfig.MAX_CONCURRENT_REQUESTS).label("Maximum concurrent requests")
            .helpText("The most FHIR requests each Keycloak node has open at this plan at once; beyond it apps get 429 "
                + "with Retry-After. Empty: no limit.")
            .type(ProviderConfigProperty.STRING_TYPE).add()
            .property().name(PlanIdentityProviderConfig.ALLOW_PLAN_SIGN_IN).label(ALLOW_PLAN_SIGN_IN_LABEL)
            .helpText("Off (the default and the safe choice): the plan is link-only. Members connect it after they "
                + "signed in to their account (plan picker, account console, apps), and nobody can sign in with it. "
                + "On: apps may start a sign-in through the plan (kc_idp_hint). The risk: the plan's member check "
                + "(name, birth date, member ID and ZIP code, all on an insurance card) is not a password, and whoever "
                + "passes it could enter the account linked to that member. So even when on, an existing account "
                + "still asks for its own password and second factor (flow 'health plan sign-in: verify account'), "
                + "accounts are never linked by email, and new accounts are created only if the realm allows user "
                + "registration. The plan never appears as a button on the sign-in page.")
            .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("false").add()
            .build();
    }
}
