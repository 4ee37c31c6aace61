package dev.payeraccess.sandbox.control;

import java.util.List;

/**
 * How the plan's token and revocation endpoints authenticate the client. A request authenticated another
 * way is answered HTTP 401 {@code invalid_client} with {@link #expectation()} as its description.
 */
public enum ClientAuthMethod {
    /**
     * The default, a lenient plan: a client secret in the form ({@code client_secret_post}) or in HTTP Basic
     * ({@code client_secret_basic}), or a signed {@code client_assertion} ({@code private_key_jwt}) from a
     * client whose keys are registered with {@link SandboxControls#clientJwksUrl}.
     */
    ANY(List.of(Names.POST, Names.BASIC, Names.PRIVATE_KEY_JWT),
        "client_secret_post, client_secret_basic (HTTP Basic) or private_key_jwt (a signed client_assertion)"),
    /**
     * Servers that implement only the method RFC 6749 2.3.1 makes mandatory: the secret in HTTP Basic. A
     * client that puts it in the form is refused.
     */
    CLIENT_SECRET_BASIC_ONLY(List.of(Names.BASIC), "client_secret_basic (HTTP Basic)"),
    /**
     * 1upHealth's plans, like the seeds' demo plan: {@code client_id} and {@code client_secret} in the form
     * body. A client that sends HTTP Basic is refused.
     */
    CLIENT_SECRET_POST_ONLY(List.of(Names.POST),
        "client_secret_post (client_id and client_secret in the form body)"),
    /**
     * Plans that follow SMART App Launch's asymmetric ("confidential-asymmetric") client authentication and
     * hand out no secrets: every request carries a {@code client_assertion} JWT (RFC 7523) signed with a key
     * from the client's registered JWKS. A client secret, in the form or in HTTP Basic, is refused.
     */
    PRIVATE_KEY_JWT_ONLY(List.of(Names.PRIVATE_KEY_JWT),
        "private_key_jwt (a client_assertion JWT signed with a key from the client's registered JWKS, RFC 7523)");

    /** The RFC 8414 names of the methods, as {@code token_endpoint_auth_methods_supported} lists them. */
    public static final class Names {
        public static final String POST = "client_secret_post";
        public static final String BASIC = "client_secret_basic";
        public static final String PRIVATE_KEY_JWT = "private_key_jwt";

        private Names() {
        }
    }

    private final List<String> methods;
    private final String described;

    ClientAuthMethod(List<String> methods, String described) {
        this.methods = methods;
        this.described = described;
    }

    /** The RFC 8414 names of the methods this plan accepts. */
    public List<String> methods() {
        return methods;
    }

    public boolean accepts(String method) {
        return methods.contains(method);
    }

    /** What a refused client is told, e.g. "This plan authenticates clients with client_secret_basic (HTTP Basic)." */
    public String expectation() {
        return "This plan authenticates clients with " + described + ".";
    }
}
