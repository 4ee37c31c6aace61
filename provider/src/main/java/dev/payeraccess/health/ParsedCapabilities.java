package dev.payeraccess.health;

import dev.payeraccess.plan.PlanCapabilities;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * This node's parsed copies of the plans' cached capabilities, so that the stored text is parsed once per node and
 * not on every anonymous {@code GET fhir/{alias}/metadata}. Keyed by the SHA-256 of the stored text: a copy can never
 * be stale, as a new probe's text has another key (DESIGN: a node-local cache only holds what can never be stale).
 * Bounded by the stored characters it holds; the least recently read copies go first. One per node, made by
 * {@link ScheduledPlanHealthFactory}.
 */
final class ParsedCapabilities {

    /**
     * Stored characters held: sixteen plans at {@link PlanCapabilities#MAX_STORED_CHARS}, hundreds of real ones
     * (a plan serving the default types takes a few kilobytes).
     */
    static final long MAX_HELD_CHARS = 16L * PlanCapabilities.MAX_STORED_CHARS;

    private record Held(PlanCapabilities capabilities, int chars) {
    }

    private final Map<String, Held> byDigest = new LinkedHashMap<>(16, 0.75f, true);
    private long heldChars;

    /** The digest the cached form is stored with, and looked up by. */
    static String digestOf(String stored) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(stored.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * {@code stored} parsed, from this node's copy when it has one.
     *
     * @param digest the digest stored with the text; checked against the text before a new copy is kept
     */
    Optional<PlanCapabilities> parsed(String digest, String stored) {
        Optional<PlanCapabilities> held = held(digest);
        if (held.isPresent()) {
            return held;
        }
        Optional<PlanCapabilities> parsed = PlanCapabilities.fromJson(stored);
        if (parsed.isPresent() && digest.equals(digestOf(stored))) {
            keep(digest, parsed.get(), stored.length());
        }
        return parsed;
    }

    synchronized int size() {
        return byDigest.size();
    }

    private synchronized Optional<PlanCapabilities> held(String digest) {
        return Optional.ofNullable(byDigest.get(digest)).map(Held::capabilities);
    }

    private synchronized void keep(String digest, PlanCapabilities capabilities, int chars) {
        if (byDigest.put(digest, new Held(capabilities, chars)) == null) {
            heldChars += chars;
        }
        var eldest = byDigest.entrySet().iterator();
        while (heldChars > MAX_HELD_CHARS && eldest.hasNext()) {
            heldChars -= eldest.next().getValue().chars();
            eldest.remove();
        }
    }
}
