package dev.payeraccess.sandbox;

import java.util.Arrays;
import java.util.Optional;

/**
 * The sandbox's authorization tracks, the {@code {system-id}} of {@code /oauth2/authorize/{system-id}}.
 * Like the 1upHealth Demo Health Plan they share one token endpoint and one FHIR base; they differ in
 * the scope granted when the app asks for none and in whether clinical resources are served.
 */
public enum Track {
    /** Patient Access track of the seeds (002): claims and coverage, default scope {@code user/*.read}. */
    TEST("test", "user/*.read", false),
    /** Payer-to-payer track (001): like {@code test}, plus clinical resources. */
    PAYER2PAYER("payer2payer", "user/*.read", true),
    /** Digital Insurance Card track (004): default scope {@code patient/*.read}. */
    DIGITAL_INSURANCE("digitalinsurance", "patient/*.read", false),
    /** The generic demo plan system id named in the seeds (000). */
    DEMOPLAN("demoplan", "user/*.read", false);

    private final String systemId;
    private final String defaultScope;
    private final boolean servesClinicalData;

    Track(String systemId, String defaultScope, boolean servesClinicalData) {
        this.systemId = systemId;
        this.defaultScope = defaultScope;
        this.servesClinicalData = servesClinicalData;
    }

    public String systemId() {
        return systemId;
    }

    public String defaultScope() {
        return defaultScope;
    }

    public boolean servesClinicalData() {
        return servesClinicalData;
    }

    public static Optional<Track> bySystemId(String systemId) {
        return Arrays.stream(values()).filter(t -> t.systemId.equals(systemId)).findFirst();
    }
}
