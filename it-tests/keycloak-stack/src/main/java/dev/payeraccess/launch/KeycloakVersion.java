package dev.payeraccess.launch;

import java.util.List;
import java.util.stream.Stream;

/**
 * What differs between the served Keycloak versions when the stack builds and starts one. Today that is where
 * {@code --cache} goes: it became a build-time option in 26.6; {@code kc.sh build} of 26.4 refuses it ("Run time
 * option: '--cache' not usable with build") and 26.5's ignores it, so before 26.6 it is given at start.
 */
record KeycloakVersion(int major, int minor) {

    static KeycloakVersion of(String version) {
        String[] parts = version.split("\\.");
        return new KeycloakVersion(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
    }

    /** {@code base} plus {@code cacheOption} when this version takes it at build time. */
    List<String> buildOptions(List<String> base, String cacheOption) {
        return cacheIsBuildTime() ? Stream.concat(base.stream(), Stream.of(cacheOption)).toList() : base;
    }

    /** {@code cacheOption} when this version takes it at start rather than at build time. */
    List<String> startOptions(String cacheOption) {
        return cacheIsBuildTime() ? List.of() : List.of(cacheOption);
    }

    private boolean cacheIsBuildTime() {
        return major > 26 || (major == 26 && minor >= 6);
    }
}
