package dev.payeraccess.proxy.metadata;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Function;

/**
 * The SMART App Launch {@code .well-known/smart-configuration} of a proxied plan: apps discover this
 * realm's endpoints here, sign the member in with Keycloak, and call the proxy with Keycloak's token.
 *
 * @param issuer this realm's issuer URL
 * @param endpoints the realm's OpenID Connect endpoints by their OpenID name ({@code certs}, {@code auth},
 *     {@code token}, {@code revoke}, {@code token/introspect}, {@code userinfo}) to their URL
 * @param scopes the SMART scopes the realm offers as client scopes
 */
public record SmartConfigurationDocument(String issuer, Function<String, String> endpoints, List<String> scopes) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public String toJson() {
        ObjectNode document = JSON.createObjectNode()
            .put("issuer", issuer)
            .put("jwks_uri", endpoints.apply("certs"))
            .put("authorization_endpoint", endpoints.apply("auth"))
            .put("token_endpoint", endpoints.apply("token"))
            .put("revocation_endpoint", endpoints.apply("revoke"))
            .put("introspection_endpoint", endpoints.apply("token/introspect"))
            .put("userinfo_endpoint", endpoints.apply("userinfo"));
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
