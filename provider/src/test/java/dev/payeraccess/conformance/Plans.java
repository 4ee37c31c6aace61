package dev.payeraccess.conformance;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.payeraccess.broker.PlanIdentityProviderConfig;
import dev.payeraccess.plan.PlanFetch;
import dev.payeraccess.plan.SmartConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.OptionalInt;

/** Plans and plan answers the checks' tests are built from. */
final class Plans {

    static final String BASE = "https://api.plan.example/r4";
    static final String AUTHORIZE = "https://auth.plan.example/oauth2/authorize/test";
    static final String TOKEN = "https://auth.plan.example/oauth2/token";
    static final String REVOKE = "https://auth.plan.example/oauth2/revoke";
    /** A discovery document that agrees with {@link #plan(String...)}. */
    static final String DISCOVERY = """
        {"authorization_endpoint":"%s","token_endpoint":"%s","revocation_endpoint":"%s",
         "token_endpoint_auth_methods_supported":["client_secret_post","client_secret_basic"],
         "code_challenge_methods_supported":["S256"],
         "scopes_supported":["openid","patient/*.read","user/*.read"],
         "capabilities":["launch-standalone","permission-v1","permission-v2"]}""".formatted(AUTHORIZE, TOKEN, REVOKE);

    private static final ObjectMapper JSON = new ObjectMapper();

    private Plans() {
    }

    /** A plan with every endpoint typed, changed by {@code keyValues}. */
    static PlanIdentityProviderConfig plan(String... keyValues) {
        PlanIdentityProviderConfig plan = new PlanIdentityProviderConfig();
        plan.setAlias("acme");
        plan.setEnabled(true);
        plan.getConfig().put("fhirBaseUrl", BASE);
        plan.getConfig().put("authorizationUrl", AUTHORIZE);
        plan.getConfig().put("tokenUrl", TOKEN);
        plan.getConfig().put("revocationUrl", REVOKE);
        plan.getConfig().put("defaultScope", "patient/*.read openid");
        for (int i = 0; i < keyValues.length; i += 2) {
            plan.getConfig().put(keyValues[i], keyValues[i + 1]);
        }
        return plan;
    }

    static SmartConfiguration smart(String json) {
        try {
            return SmartConfiguration.parse(JSON.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static <T> PlanFetch<T> read(T value) {
        return PlanFetch.read(Duration.ofMillis(42), value);
    }

    static <T> PlanFetch<T> status(int status) {
        return PlanFetch.failed(Duration.ofMillis(42), new PlanFetch.Failure(PlanFetch.Kind.STATUS,
            OptionalInt.of(status), "answered HTTP " + status));
    }

    static <T> PlanFetch<T> timedOut() {
        return PlanFetch.failed(Duration.ofSeconds(10), new PlanFetch.Failure(PlanFetch.Kind.TIMEOUT,
            OptionalInt.empty(), "did not answer within 10000 ms"));
    }
}
