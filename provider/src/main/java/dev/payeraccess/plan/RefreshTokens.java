package dev.payeraccess.plan;

import java.util.Arrays;
import java.util.Optional;

/** What a plan's refresh tokens are good for, which decides how a member's access is renewed. */
public enum RefreshTokens {
    /**
     * RFC 6749 section 6: a refresh token stays valid until the plan sends a new one. An answer without one
     * keeps the old.
     */
    REUSABLE("reusable"),
    /**
     * Each refresh token works once (CMS Blue Button 2.0): the answer's new one replaces it, and an answer
     * without one leaves the link with none, since the used one is spent.
     */
    ROTATING("rotating"),
    /**
     * The plan issues none, or none that work: nothing is renewed, and the link turns {@code relink-required}
     * when the access token expires.
     */
    NONE("none");

    private final String configName;

    RefreshTokens(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public static Optional<RefreshTokens> byConfigName(String name) {
        return Arrays.stream(values()).filter(s -> s.configName.equals(name)).findFirst();
    }
}
