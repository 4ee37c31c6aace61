package dev.payeraccess.fhir;

/** What a request does with a resource type, in SMART's terms: v1 {@code read} covers both, v2 splits them. */
public enum Access {
    /** Read or vread of one resource (SMART v2 {@code r}). */
    READ,
    /** A search, paging included (SMART v2 {@code s}). */
    SEARCH
}
