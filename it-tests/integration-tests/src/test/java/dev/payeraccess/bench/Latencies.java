package dev.payeraccess.bench;

import java.util.Arrays;

/** Measured request durations of one side, in nanoseconds. */
record Latencies(long[] nanos) {

    Latencies {
        nanos = nanos.clone();
        Arrays.sort(nanos);
    }

    /** Nearest-rank percentile in milliseconds, e.g. {@code percentileMs(99)}. */
    double percentileMs(double percent) {
        int rank = (int) Math.ceil(percent / 100.0 * nanos.length);
        return nanos[Math.max(0, Math.min(nanos.length - 1, rank - 1))] / 1e6;
    }
}
