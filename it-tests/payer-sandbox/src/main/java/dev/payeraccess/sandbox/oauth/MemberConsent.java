package dev.payeraccess.sandbox.oauth;

import dev.payeraccess.sandbox.TestMember;
import dev.payeraccess.sandbox.Track;
import java.util.List;

/** What a verified member agreed to: which app may read what, on which track. */
record MemberConsent(TestMember member, String email, Track track, RegisteredClient client, List<String> scopes) {

    MemberConsent {
        scopes = List.copyOf(scopes);
    }

    boolean includesScope(String scope) {
        return scopes.contains(scope);
    }

    String scopeString() {
        return String.join(" ", scopes);
    }
}
