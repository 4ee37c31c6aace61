package dev.payeraccess.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The install recipes in {@code docs/} are only written (no container engine here); the suite runs their steps on
 * the unpacked distribution. This keeps the two the same: the JAR's name in {@code providers/}, the {@code kc.sh
 * build} options of the two-node PostgreSQL cluster, {@code start --optimized}, and the Keycloak version.
 */
class RecipeMatchesStackTest {

    private static final Path DOCS = Path.of("../../docs");
    /** The suite's own choice, not a recipe's: the cluster also runs Keycloak's identity brokering API v2. */
    private static final String SUITE_ONLY = "--features=identity-brokering-api:v2";

    @Test
    void theContainerfileBuildsWithTheClustersBuildOptions() throws IOException {
        String containerfile = Files.readString(DOCS.resolve("container/Containerfile"));
        int builderEnd = containerfile.indexOf("FROM ", containerfile.indexOf(" AS builder"));
        String builder = containerfile.substring(0, builderEnd);
        List<String> options = new ArrayList<>();
        Matcher env = Pattern.compile("(?m)^ENV KC_([A-Z_]+)=(\\S+)$").matcher(builder);
        while (env.find()) {
            options.add("--" + env.group(1).toLowerCase(Locale.ROOT).replace('_', '-') + "=" + env.group(2));
        }
        assertEquals(clusterBuildOptions(), options);
        assertTrue(builder.contains("\nRUN /opt/keycloak/bin/kc.sh build\n"), containerfile);
        assertTrue(containerfile.endsWith("CMD [\"start\", \"--optimized\"]\n"), containerfile);
        assertTrue(containerfile.contains("ARG KEYCLOAK_VERSION=" + BuildLayout.fromBuild().keycloakVersion() + "\n"),
            "the Containerfile builds on the Keycloak version the suite runs");
    }

    @Test
    void everyRecipePutsTheJarWhereTheStackDoes() throws IOException {
        String stackPom = Files.readString(Path.of("pom.xml"));
        String name = between(stackPom, "<destFileName>", "</destFileName>");
        assertTrue(Files.readString(DOCS.resolve("container/Containerfile"))
            .contains(" /opt/keycloak/providers/" + name + "\n"));
        String install = Files.readString(DOCS.resolve("install.md"));
        assertTrue(install.contains(" /opt/keycloak/providers/" + name + "\n"), "bare metal copies to " + name);
        assertTrue(install.contains("/opt/keycloak/bin/kc.sh build " + String.join(" ", clusterBuildOptions()) + "\n"),
            "bare metal builds with " + clusterBuildOptions());
        assertTrue(install.contains("/opt/keycloak/bin/kc.sh start --optimized "));
    }

    private static List<String> clusterBuildOptions() {
        List<String> options = new ArrayList<>(KeycloakVersion.of(BuildLayout.fromBuild().keycloakVersion())
            .buildOptions(KeycloakStack.CLUSTER_BUILD_OPTIONS, KeycloakStack.CLUSTER_CACHE));
        options.remove(SUITE_ONLY);
        return options;
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start) + start.length();
        return text.substring(from, text.indexOf(end, from));
    }
}
