package dev.payeraccess.proxy.metadata;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The SMART App Launch {@code .well-known/smart-configuration} of a proxied plan: apps discover this
 * realm's endpoints here, sign the member in with Keycloak, and call the proxy with Keycloak's token.
 *
 * @param issuer this realm's issuer URL; its OpenID Connect endpoints are derived from it
 * @param scopes the SMART scopes the realm offers as client scopes
 */
public record SmartConfigurationDocument(String issuer, List<String> scopes) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public String toJson() {
        String oidc = issuer + "/protocol/openid-connect";
        ObjectNode document = JSON.createObjectNode()
            .put("issuer", issuer)
            .put("jwks_uri", oidc + "/certs")
            .put("authorization_endpoint", oidc + "/auth")
            .put("token_endpoint", oidc + "/token")
            .put("revocation_endpoint", oidc + "/revoke")
            .put("introspection_endpoint", oidc + "/token/introspect")
            .put("userinfo_endpoint", oidc + "/userinfo");
        document.putArray("grant_types_supported").add("authorization_code").add("refresh_token");
        document.putArray("response_types_supported").add("code");
        document.putArray("code_challenge_methods_supported").add("S256");
        document.putArray("token_endpoint_auth_methods_supported")
            .add("client_secret_basic").add("client_secret_post").add("private_key_jwt");
        document.putArray("scopes_supported").add("openid").add("offline_access").addAll(
            scopes.stream().sorted().map(JSON.getNodeFactory()::textNode).toList());
        document.putArray("capabilities").add("launch-standalone").add("client-public")
            .add("client-confidential-symmetric").add("sso-openid-connect").add("permission-offline")
            .add("permission-patient").add("permission-user").add("permission-v1").add("permission-v2");
        return document.toString();
    }
}
