package dev.payeraccess.api;

import jakarta.ws.rs.core.UriBuilder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Every URL the extension hands out, built in one place from Keycloak's own view of its base URL, so
 * {@code --hostname} and the reverse proxy settings apply and no answer ever names a node's own address.
 */
public final class PublicUrls {

    /** The path segment of the extension's API under a realm; the id of its {@code RealmResourceProvider}. */
    public static final String API_PATH = "payer-access";

    /** An alias made only of these needs no encoding in a path, so it is appended as it is. */
    private static final Pattern PLAIN_SEGMENT = Pattern.compile("[A-Za-z0-9._~-]+");

    private final KeycloakSession session;
    // Built once per realm: a proxied read asks for its plan's FHIR base several times; a task that goes through the
    // realms one after another sets each as the session's realm.
    private String issuer;
    private RealmModel issuerOf;

    public PublicUrls(KeycloakSession session) {
        this.session = session;
    }

    /** {@code {keycloak}/realms/{realm}}: the realm's OpenID Connect issuer. */
    public String issuer() {
        RealmModel realm = session.getContext().getRealm();
        if (issuer == null || issuerOf != realm) {
            issuer = realm().build().toString();
            issuerOf = realm;
        }
        return issuer;
    }

    /** {@code {issuer}/protocol/openid-connect/{endpoint}}: {@code auth}, {@code token}, {@code revoke}. */
    public String openIdConnect(String endpoint) {
        return realm().path("protocol").path("openid-connect").path(endpoint).build().toString();
    }

    /** {@code {issuer}/payer-access/fhir/{alias}}: the FHIR base apps use for the plan. */
    public String fhirBase(String alias) {
        if (PLAIN_SEGMENT.matcher(alias).matches() && !alias.equals(".") && !alias.equals("..")) {
            return issuer() + "/" + API_PATH + "/fhir/" + alias;
        }
        return realm().path(API_PATH).path("fhir").path(alias).build().toString();
    }

    /** {@code {issuer}/payer-access/payers}: the public plan directory. */
    public String payers() {
        return realm().path(API_PATH).path("payers").build().toString();
    }

    /**
     * Where an app sends the member to link (or relink) a plan: application-initiated linking
     * ({@code kc_action=idp_link:{alias}}), the path Keycloak 26.x supports best. The app appends its
     * {@code redirect_uri} (and {@code state}, PKCE) as for any authorization request.
     */
    public String link(String alias, String clientId) {
        return link(alias, Map.of("client_id", clientId));
    }

    /**
     * The same with the app's own authorization parameters ({@code client_id}, {@code redirect_uri},
     * {@code state}, PKCE...); {@code response_type=code} and {@code scope=openid} unless given.
     */
    public String link(String alias, Map<String, String> authorizationParameters) {
        Map<String, String> parameters = new LinkedHashMap<>(authorizationParameters);
        parameters.putIfAbsent("response_type", "code");
        parameters.putIfAbsent("scope", "openid");
        parameters.put("kc_action", "idp_link:" + alias);
        UriBuilder url = realm().path("protocol").path("openid-connect").path("auth");
        parameters.keySet().forEach(name -> url.queryParam(name, "{" + name + "}"));
        return url.buildFromMap(parameters).toString();
    }

    private UriBuilder realm() {
        return session.getContext().getUri().getBaseUriBuilder().path("realms")
            .path(session.getContext().getRealm().getName());
    }
}
