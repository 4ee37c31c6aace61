package dev.payeraccess.sandbox.oauth;

import java.util.Optional;

/** Resolves a bearer token presented to the FHIR API into the grant it stands for. */
public interface AccessTokens {

    /** The grant of a token that is known, unrevoked and unexpired; empty otherwise. */
    Optional<AccessGrant> lookup(String accessToken);
}
