package dev.payeraccess.sandbox.control;

import java.util.Arrays;
import java.util.Optional;

/** The sandbox's endpoints, as tests name them when they inject faults or count requests. */
public enum Area {
    AUTHORIZE("/oauth2/authorize"),
    TOKEN("/oauth2/token"),
    REVOKE("/oauth2/revoke"),
    FHIR("/r4");

    private final String pathPrefix;

    Area(String pathPrefix) {
        this.pathPrefix = pathPrefix;
    }

    public String pathPrefix() {
        return pathPrefix;
    }

    public static Optional<Area> of(String path) {
        return Arrays.stream(values())
            .filter(a -> path.equals(a.pathPrefix) || path.startsWith(a.pathPrefix + "/"))
            .findFirst();
    }
}
