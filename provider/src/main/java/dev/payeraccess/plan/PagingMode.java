package dev.payeraccess.plan;

import java.util.Arrays;
import java.util.Optional;

/** How a plan pages a search's results. */
public enum PagingMode {
    /** FHIR's Bundle {@code next} links, followed as the plan wrote them (on its FHIR base or a paging host). */
    NEXT_LINKS("next-links"),
    /**
     * The plan pages by an offset parameter ({@code _offset}, {@code _getpagesoffset}, {@code startIndex}) and
     * sends no usable {@code next} link: the proxy writes the next page's link itself.
     */
    OFFSET("offset");

    private final String configName;

    PagingMode(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public static Optional<PagingMode> byConfigName(String name) {
        return Arrays.stream(values()).filter(s -> s.configName.equals(name)).findFirst();
    }
}
