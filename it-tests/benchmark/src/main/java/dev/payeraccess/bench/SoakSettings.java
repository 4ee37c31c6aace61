package dev.payeraccess.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How long and how hard the cluster soak runs, from {@code key=value} arguments ({@code ./soak.sh minutes=3}).
 *
 * @param duration     how long the readers read
 * @param readers      concurrent readers, spread over the members, all through nginx
 * @param members      linked members (one realm each), at most the sandbox's five test members
 * @param tokenLifetime the plan's access-token lifetime; the proxy renews each token once before it expires
 */
record SoakSettings(Duration duration, int readers, int members, Duration tokenLifetime) {

    static final String USAGE = "arguments (all optional): minutes=10 readers=32 members=4 tokenSeconds=60";

    static SoakSettings parse(String[] args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            if (kv.length != 2 || kv[1].isBlank()) {
                throw new IllegalArgumentException("'" + arg + "' is not key=value; " + USAGE);
            }
            values.put(kv[0], kv[1]);
        }
        SoakSettings settings = new SoakSettings(Duration.ofMinutes(number(values, "minutes", 10, 1, 240)),
            (int) number(values, "readers", 32, 1, 256), (int) number(values, "members", 4, 1, 5),
            Duration.ofSeconds(number(values, "tokenSeconds", 60, 10, 3600)));
        if (!values.isEmpty()) {
            throw new IllegalArgumentException("unknown " + values.keySet() + "; " + USAGE);
        }
        return settings;
    }

    /**
     * How often the proxy renews each member's token: when less than 30 s (or half the lifetime of a token shorter
     * than a minute) is left, as the extension's {@code TokenState} decides.
     */
    Duration renewalInterval() {
        Duration half = tokenLifetime.dividedBy(2);
        Duration margin = half.compareTo(Duration.ofSeconds(30)) < 0 ? half : Duration.ofSeconds(30);
        return tokenLifetime.minus(margin);
    }

    /** Takes {@code key} out of {@code values}, so what is left over is unknown. */
    private static long number(Map<String, String> values, String key, long fallback, long min, long max) {
        String value = values.remove(key);
        long number = value == null ? fallback : Long.parseLong(value.replace("_", ""));
        if (number < min || number > max) {
            throw new IllegalArgumentException(key + " must be between " + min + " and " + max + "; " + USAGE);
        }
        return number;
    }
}
