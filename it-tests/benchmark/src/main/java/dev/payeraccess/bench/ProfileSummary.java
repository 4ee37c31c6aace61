package dev.payeraccess.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where Keycloak spent its CPU and its allocations in a JFR recording of {@code ./bench.sh jfr=...}: for each
 * part of a proxied read (Keycloak's bearer check, the user and session lookups, the proxy's steps, the streaming
 * rewrite, the audit event, the plan call...), the share of execution samples and of sampled allocation whose
 * stack passes through it (inclusive: a sample in the signature check counts for the bearer check too, so shares
 * overlap), then the hottest methods (the sampled frame itself) and the largest allocation sites. Run on its own:
 * {@code java -cp ... dev.payeraccess.bench.ProfileSummary keycloak-reads.jfr}.
 */
final class ProfileSummary {

    /** A part of the request path, recognised by a frame of the stack. */
    private record Part(String name, Predicate<String> frame) {
    }

    private static final List<Part> PARTS = List.of(
        part("bearer check (AppAuthManager, all of it)", "org.keycloak.services.managers.AppAuthManager$Bearer"),
        part("  token signature and checks (TokenVerifier)", "org.keycloak.TokenVerifier."),
        part("  session lookup (AuthenticationManager)", "org.keycloak.services.managers.AuthenticationManager."),
        part("user and session stores (Infinispan, caches, JPA)", "org.keycloak.models.sessions.",
            "org.keycloak.models.cache.", "org.keycloak.models.jpa.", "org.keycloak.models.session."),
        part("JPA / JDBC (Hibernate, database)", "org.hibernate.", "org.h2.", "org.postgresql."),
        part("proxy steps (dev.payeraccess.proxy, all of it)", "dev.payeraccess.proxy."),
        part("  streaming rewrite (proxy.answer)", "dev.payeraccess.proxy.answer."),
        part("  request checks and policy (proxy.request, proxy.policy)", "dev.payeraccess.proxy.request.",
            "dev.payeraccess.proxy.policy."),
        part("  limits (proxy.limits)", "dev.payeraccess.proxy.limits."),
        part("stored link and plan token (dev.payeraccess.token)", "dev.payeraccess.token."),
        part("plan HTTP call (dev.payeraccess.plan)", "dev.payeraccess.plan."),
        part("  JDK HTTP client", "java.net.http.", "jdk.internal.net.http."),
        part("  Apache HTTP client", "org.apache.http."),
        part("audit event (dev.payeraccess.audit, Keycloak events)", "dev.payeraccess.audit.",
            "org.keycloak.events."),
        part("Jackson", "com.fasterxml.jackson."),
        part("logging", "org.jboss.logging.", "org.jboss.logmanager."),
        part("metrics (Micrometer)", "io.micrometer."),
        part("Keycloak session close, transactions", "org.keycloak.services.DefaultKeycloakSession.close",
            "org.keycloak.services.DefaultKeycloakTransactionManager."),
        part("RESTEasy", "org.jboss.resteasy."),
        part("Vert.x / Netty I/O", "io.vertx.", "io.netty."));

    private static final int TOP = 15;

    private ProfileSummary() {
    }

    public static void main(String[] args) throws IOException {
        for (String file : args) {
            System.out.println(summarize(Path.of(file)));
        }
    }

    /** The summary of one recording, as printed text. */
    static String summarize(Path recording) throws IOException {
        long samples = 0;
        double allocated = 0;
        Map<String, Long> partSamples = new LinkedHashMap<>();
        Map<String, Double> partAllocated = new LinkedHashMap<>();
        Map<String, Long> hot = new HashMap<>();
        Map<String, Double> sites = new HashMap<>();
        Map<String, Long> threads = new HashMap<>();
        Set<Long> sampledThreads = new HashSet<>();
        List<RecordedEvent> events = new ArrayList<>(RecordingFile.readAllEvents(recording));
        events.sort(Comparator.comparing(RecordedEvent::getStartTime));
        for (RecordedEvent event : events) {
            String type = event.getEventType().getName();
            if (type.equals("jdk.ExecutionSample")) {
                samples++;
                List<String> frames = frames(event.getStackTrace());
                for (Part part : partsOf(frames)) {
                    partSamples.merge(part.name(), 1L, Long::sum);
                }
                hot.merge(frames.isEmpty() ? "(no stack)" : frames.get(0), 1L, Long::sum);
                String thread = event.getThread("sampledThread") == null ? "?"
                    : event.getThread("sampledThread").getJavaName();
                threads.merge(thread == null ? "?" : thread.replaceAll("[-#]?\\d+$", "-N"), 1L, Long::sum);
            } else if (type.equals("jdk.ObjectAllocationSample")) {
                // A thread's first sample weighs all it allocated since its previous sample, before the recording
                // began too (one such sample of a long-lived request thread outweighed the whole recording).
                if (event.getThread("eventThread") == null
                    || sampledThreads.add(event.getThread("eventThread").getJavaThreadId())) {
                    continue;
                }
                double weight = event.getLong("weight");
                allocated += weight;
                List<String> frames = frames(event.getStackTrace());
                for (Part part : partsOf(frames)) {
                    partAllocated.merge(part.name(), weight, Double::sum);
                }
                String objectClass = event.getClass("objectClass") == null ? "?"
                    : event.getClass("objectClass").getName();
                sites.merge(objectClass + " at " + caller(frames), weight, Double::sum);
            }
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%s: %,d execution samples, %,.0f MB allocation sampled (each "
            + "thread's first sample left out)%n",
            recording, samples, allocated / 1e6));
        out.append(String.format(Locale.ROOT, "  %-58s %7s %7s%n", "part of the request path (inclusive)", "CPU",
            "alloc"));
        for (Part part : PARTS) {
            out.append(String.format(Locale.ROOT, "  %-58s %6.1f%% %6.1f%%%n", part.name(),
                percent(partSamples.getOrDefault(part.name(), 0L), samples),
                percent(partAllocated.getOrDefault(part.name(), 0.0), allocated)));
        }
        out.append("  threads sampled:\n").append(top(threads, samples, 6));
        out.append("  hottest methods (self):\n").append(top(hot, samples, TOP));
        out.append("  largest allocation sites (class at the first frame outside the JDK):\n")
            .append(top(sites, allocated, TOP));
        return out.toString();
    }

    private static Part part(String name, String... prefixes) {
        return new Part(name, frame -> {
            for (String prefix : prefixes) {
                if (frame.startsWith(prefix)) {
                    return true;
                }
            }
            return false;
        });
    }

    private static List<Part> partsOf(List<String> frames) {
        List<Part> parts = new ArrayList<>();
        for (Part part : PARTS) {
            if (frames.stream().anyMatch(part.frame())) {
                parts.add(part);
            }
        }
        return parts;
    }

    /** The first frame outside the JDK: who asked for the array or the string, not {@code Arrays.copyOf}. */
    private static String caller(List<String> frames) {
        return frames.stream().filter(f -> !f.startsWith("java.") && !f.startsWith("jdk.") && !f.startsWith("sun."))
            .findFirst().orElse(frames.isEmpty() ? "?" : frames.get(0));
    }

    /** {@code class.method} of each frame, the sampled one first. */
    private static List<String> frames(RecordedStackTrace stack) {
        List<String> frames = new ArrayList<>();
        if (stack != null) {
            for (RecordedFrame frame : stack.getFrames()) {
                if (frame.getMethod() != null) {
                    frames.add(frame.getMethod().getType().getName() + "." + frame.getMethod().getName());
                }
            }
        }
        return frames;
    }

    private static <N extends Number> String top(Map<String, N> counts, double total, int limit) {
        StringBuilder out = new StringBuilder();
        counts.entrySet().stream()
            .sorted((a, b) -> Double.compare(b.getValue().doubleValue(), a.getValue().doubleValue()))
            .limit(limit)
            .forEach(e -> out.append(String.format(Locale.ROOT, "    %5.1f%%  %s%n",
                percent(e.getValue().doubleValue(), total), e.getKey())));
        return out.toString();
    }

    private static double percent(double part, double total) {
        return total == 0 ? 0 : 100 * part / total;
    }
}
