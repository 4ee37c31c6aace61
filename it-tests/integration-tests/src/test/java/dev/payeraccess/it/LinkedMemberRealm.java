package dev.payeraccess.it;

import dev.payeraccess.launch.KeycloakStack;
import dev.payeraccess.sandbox.TestMember;
import dev.payeraccess.sandbox.Track;
import java.util.Map;

/**
 * A realm whose one user has linked a sandbox member to a plan on the {@code test} track, walking Keycloak's
 * real login and {@code idp_link} pages like the integration tests do. The public entry for programs outside
 * this package (the proxy benchmark), so the test fixtures behind it can stay package-private.
 */
public final class LinkedMemberRealm {

    /** Keycloak's default of 5 minutes is shorter than a benchmark run; tokens must not expire mid-measurement. */
    private static final int ACCESS_TOKEN_LIFESPAN_SECONDS = 3600;

    private final TestRealm realm;
    private final String alias;

    private LinkedMemberRealm(TestRealm realm, String alias) {
        this.realm = realm;
        this.alias = alias;
    }

    /**
     * Creates the realm (SMART client scopes, a direct-grant client, a user), adds plan {@code alias} and links
     * {@code member} to the user through the sandbox's verification page.
     */
    public static LinkedMemberRealm create(KeycloakStack stack, String prefix, String alias, TestMember member)
        throws Exception {
        TestRealm realm = TestRealm.create(stack, prefix);
        realm.admin.put("", Map.of("accessTokenLifespan", ACCESS_TOKEN_LIFESPAN_SECONDS)).expect(204);
        realm.addSmartScopes();
        realm.addPlan(realm.plan(alias, Track.TEST));
        new MemberLinking(stack).link(realm, alias, member, new KeycloakBrowser());
        if (realm.links().isEmpty()) {
            throw new IllegalStateException("Linking " + member.patientId() + " to plan " + alias + " left no link");
        }
        return new LinkedMemberRealm(realm, alias);
    }

    public String name() {
        return realm.name;
    }

    /** The extension's API of the realm: {@code {keycloak}/realms/{realm}/payer-access}. */
    public String apiBase() {
        return realm.api().url("").replaceAll("/$", "");
    }

    /** The proxy's FHIR base for the linked plan: {@code {keycloak}/realms/{realm}/payer-access/fhir/{alias}}. */
    public String proxyBase() {
        return realm.api().fhir(alias).base();
    }

    /** An access token of the linked user from the password grant on the public direct-grant client. */
    public String accessToken(String scope) throws Exception {
        return realm.token(TestRealm.USER, scope);
    }

    /**
     * Adds a {@code patient_id} claim of {@code patientId} to the access tokens of {@link #accessToken}, as
     * google/fhir-gateway's {@code patient} access checker reads it (the benchmark's side-by-side run).
     */
    public void addPatientIdClaim(String patientId) throws Exception {
        realm.admin.post("clients/" + realm.clientUuid(TestRealm.SCOPED_CLIENT) + "/protocol-mappers/models", Map.of(
            "name", "patient_id", "protocol", "openid-connect", "protocolMapper", "oidc-hardcoded-claim-mapper",
            "config", Map.of("claim.name", "patient_id", "claim.value", patientId, "jsonType.label", "String",
                "access.token.claim", "true"))).expect(201);
    }

    public void delete() throws Exception {
        realm.delete();
    }
}
