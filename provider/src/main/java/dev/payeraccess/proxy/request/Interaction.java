package dev.payeraccess.proxy.request;

/** The FHIR RESTful interactions the proxy forwards; everything else is refused before the plan is called. */
public enum Interaction {
    READ("read"),
    VREAD("vread"),
    SEARCH("search-type"),
    /** A page of an earlier search addressed at the plan's base, e.g. HAPI's {@code ?_getpages=...}. */
    PAGE("search-page");

    private final String code;

    Interaction(String code) {
        this.code = code;
    }

    /** The FHIR {@code restful-interaction} code (or {@code search-page}), as audit events record it. */
    public String code() {
        return code;
    }
}
