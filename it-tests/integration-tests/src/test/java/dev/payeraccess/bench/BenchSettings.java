package dev.payeraccess.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How much the benchmark measures, from {@code key=value} arguments ({@code ./bench.sh requests=300 seconds=5}).
 *
 * @param warmup     sequential request pairs (direct + proxy) before the throughput runs, after which latency is
 *                   measured
 * @param requests   measured sequential request pairs
 * @param window     how long each throughput run counts requests (after a warm-up of a fifth of it, at least 2 s
 *                   or the whole window when it is shorter)
 * @param clients    concurrent clients of the second throughput run (the first has one); each run reads direct,
 *                   through the proxy, and at the floor ({@code GET links})
 * @param readBytes  the size the search is tuned to, by choosing its {@code _count}
 * @param largeBytes the size of the large bundle the sandbox generates
 * @param splitCores {@code cpus=split}: Keycloak on half of the cores, the sandbox and the clients on the other
 *                   half (see {@link CoreSplit}); {@code cpus=shared} (the default) lets them share every core
 * @param jfr        a directory for JFR recordings of Keycloak, if wanted: after the measurements, the concurrent
 *                   proxy reads and the large proxied download run once more, each recorded into a file of its own
 *                   (recording slows Keycloak down, so it never overlaps a measured run)
 * @param fhirGatewayJar google/fhir-gateway's executable JAR, built from its public sources (see the README): when
 *                   given, the gateway runs in front of the same sandbox and its row is measured beside the proxy's,
 *                   on the same search (which then names the patient, as the gateway's access checker requires)
 */
record BenchSettings(int warmup, int requests, Duration window, int clients, int readBytes, long largeBytes,
                     boolean splitCores, Optional<Path> jfr, Optional<Path> fhirGatewayJar) {

    static final String USAGE = "arguments (all optional): warmup=2000 requests=1000 seconds=12 clients=32 "
        + "readBytes=10240 largeBytes=100000000 cpus=shared|split jfr=/tmp/bench-profile "
        + "fhirGatewayJar=/path/to/fhir-gateway-exec.jar";

    static BenchSettings parse(String[] args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            if (kv.length != 2 || kv[1].isBlank()) {
                throw new IllegalArgumentException("'" + arg + "' is not key=value; " + USAGE);
            }
            values.put(kv[0], kv[1]);
        }
        BenchSettings settings = new BenchSettings(
            (int) number(values, "warmup", 2000), (int) number(values, "requests", 1000),
            window(values.remove("seconds")), (int) number(values, "clients", 32),
            (int) number(values, "readBytes", 10_240), number(values, "largeBytes", 100_000_000L),
            splitCores(values.remove("cpus")), Optional.ofNullable(values.remove("jfr")).map(Path::of),
            Optional.ofNullable(values.remove("fhirGatewayJar")).map(Path::of));
        if (!values.isEmpty()) {
            throw new IllegalArgumentException("unknown " + values.keySet() + "; " + USAGE);
        }
        return settings;
    }

    /** Whole or decimal seconds ({@code seconds=0.5} for the suite's short run). */
    private static Duration window(String seconds) {
        return seconds == null ? Duration.ofSeconds(12)
            : Duration.ofMillis(Math.round(Double.parseDouble(seconds.replace("_", "")) * 1000));
    }

    private static boolean splitCores(String cpus) {
        if (cpus == null || cpus.equals("shared")) {
            return false;
        }
        if (cpus.equals("split")) {
            return true;
        }
        throw new IllegalArgumentException("cpus=" + cpus + " is neither shared nor split; " + USAGE);
    }

    /** Takes {@code key} out of {@code values}, so what is left over is unknown. */
    private static long number(Map<String, String> values, String key, long fallback) {
        String value = values.remove(key);
        return value == null ? fallback : Long.parseLong(value.replace("_", ""));
    }
}
