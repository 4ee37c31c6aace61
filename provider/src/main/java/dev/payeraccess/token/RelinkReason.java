package dev.payeraccess.token;

import java.util.Arrays;
import java.util.Optional;

/** Why a member's link needs reconnecting, in the words the links API and the link schedule use. */
public enum RelinkReason {
    /** The plan refused to renew the member's tokens (it ended or revoked the grant, or the refresh token lapsed). */
    PLAN_REFUSED_RENEWAL("plan-refused-renewal"),
    /** The member's authorization period at the plan ended ({@code maxAuthorizationDays}). */
    AUTHORIZATION_ENDED("authorization-ended"),
    /** The access token expired and the plan gave no refresh token that renews it. */
    ACCESS_EXPIRED("access-expired"),
    /** An administrator changed the plan's endpoints or client since the member linked. */
    PLAN_SETTINGS_CHANGED("plan-settings-changed"),
    /** The link holds nothing this realm can read (its tokens were cleared, or its key is gone). */
    TOKENS_UNREADABLE("tokens-unreadable");

    private final String wireName;

    RelinkReason(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<RelinkReason> byWireName(String name) {
        return Arrays.stream(values()).filter(r -> r.wireName.equals(name)).findFirst();
    }
}
