package dev.payeraccess.sandbox.fhir.rest;

import java.util.List;

/**
 * The slice of a search's matches one page shows. Pages are addressed by offset, so paging links are
 * plain, stateless search URLs ({@code _offset} and {@code _count}) that work on any server instance.
 */
public record PageWindow(int offset, int size) {

    public static final int DEFAULT_SIZE = 10;
    public static final int MAX_SIZE = 100;

    /** Clamps what the client asked for: at least one entry per page (so paging terminates), at most 100. */
    public static PageWindow of(Integer offset, Integer count) {
        int size = count == null ? DEFAULT_SIZE : Math.max(1, Math.min(MAX_SIZE, count));
        return new PageWindow(offset == null ? 0 : Math.max(0, offset), size);
    }

    <T> List<T> slice(List<T> matches) {
        int from = Math.min(offset, matches.size());
        int to = Math.min(matches.size(), from + size);
        return matches.subList(from, to);
    }

    boolean hasNext(int total) {
        return offset + size < total;
    }

    boolean hasPrevious() {
        return offset > 0;
    }
}
