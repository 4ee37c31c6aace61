package dev.payeraccess.proxy.request;

/** The FHIR RESTful interactions the proxy forwards; everything else is refused before the plan is called. */
public enum Interaction {
    READ("read"),
    VREAD("vread"),
    SEARCH("search-type"),
    /** A page of an earlier search addressed at the plan's base, e.g. HAPI's {@code ?_getpages=...}. */
    PAGE("search-page"),
    /**
     * {@code Patient/[id]/$everything}, searched like a search of every type the caller may read about the patient
     * (see {@code proxy.everything}); the only operation the proxy serves.
     */
    EVERYTHING("operation");

    private final String code;

    Interaction(String code) {
        this.code = code;
    }

    /** The FHIR {@code restful-interaction} code (or {@code search-page}), as audit events record it. */
    public String code() {
        return code;
    }
}
