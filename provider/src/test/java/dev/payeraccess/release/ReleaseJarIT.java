package dev.payeraccess.release;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The extension JAR as the build leaves it (after shading, indexing and stamping) and its CycloneDX SBOM: what a
 * legal or security review opens. Run by failsafe after {@code package}; the paths come from the provider's POM.
 */
class ReleaseJarIT {

    private static final String SHADED = "dev/payeraccess/shaded/";
    private static final String OWN_GROUP = "dev.payeraccess";

    private static final Path JAR = Path.of(System.getProperty("payer-access.jar"));
    private static final Path SBOM = Path.of(System.getProperty("payer-access.sbom"));
    private static final Path LICENSE = Path.of(System.getProperty("payer-access.license"));
    private static final Path LOCAL_REPOSITORY = Path.of(System.getProperty("payer-access.local-repository"));

    @Test
    void carriesTheProjectsApacheLicenceAndNotice() throws IOException {
        try (ZipFile jar = new ZipFile(JAR.toFile())) {
            assertArrayEquals(Files.readAllBytes(LICENSE), bytes(jar, "META-INF/LICENSE"),
                "META-INF/LICENSE is the repository's LICENSE");
            assertTrue(text(jar, "META-INF/LICENSE").contains("Apache License"), "Apache-2.0");
            assertTrue(text(jar, "META-INF/LICENSE").contains("Version 2.0, January 2004"), "Apache-2.0");
            String notice = text(jar, "META-INF/NOTICE");
            String projectNotice = Files.readString(LICENSE.resolveSibling("NOTICE")).strip();
            assertTrue(notice.strip().startsWith(projectNotice + "\n"),
                "the NOTICE opens with the project's own notice, not the shade plugin's placeholder: " + notice);
            assertFalse(notice.contains("Copyright 2006-"), notice);
        }
    }

    @Test
    void carriesHl7sNoticeForTheFhirCoreLibraries() throws IOException {
        try (ZipFile jar = new ZipFile(JAR.toFile())) {
            for (String library : List.of("org.hl7.fhir.r4", "org.hl7.fhir.utilities")) {
                assertTrue(text(jar, "META-INF/licenses/" + library + "/HL7-NOTICE.txt")
                    .contains("Copyright (c) 2011+, HL7, Inc."), library);
            }
        }
    }

    /**
     * The SBOM lists every library whose classes are in the JAR and nothing else (none of Keycloak's provided
     * libraries): each component's JAR, found by the hash the SBOM gives, contributes entries, and every relocated
     * class comes from one of them.
     */
    @Test
    void sbomListsExactlyTheLibrariesInsideTheJar() throws IOException {
        List<JsonNode> components = bundledComponents();
        try (ZipFile jar = new ZipFile(JAR.toFile())) {
            Set<String> entries = entryNames(jar);
            Set<String> bundledClasses = new HashSet<>();
            for (JsonNode component : components) {
                String coordinates = coordinates(component);
                assertFalse(component.path("version").asText().isEmpty(), coordinates + " has a version");
                assertFalse(licences(component).isEmpty(), coordinates + " has a licence");
                Set<String> contributed = new HashSet<>();
                try (ZipFile library = new ZipFile(libraryJar(component).toFile())) {
                    for (String name : entryNames(library)) {
                        if (!name.endsWith("/") && !name.startsWith("META-INF/")
                            && (entries.contains(SHADED + name) || entries.contains(name))) {
                            contributed.add(name);
                        }
                    }
                }
                assertFalse(contributed.isEmpty(), coordinates + " is in the SBOM but nothing of it is in the JAR");
                contributed.stream().filter(n -> n.endsWith(".class")).forEach(bundledClasses::add);
            }
            for (String name : entries) {
                if (!name.endsWith(".class")) {
                    continue;
                }
                if (name.startsWith(SHADED)) {
                    assertTrue(bundledClasses.contains(name.substring(SHADED.length())),
                        name + " is bundled but comes from no library the SBOM lists");
                } else {
                    assertTrue(name.startsWith("dev/payeraccess/"), name + " is bundled without relocation");
                }
            }
        }
    }

    /**
     * Each bundled library's own LICENSE and NOTICE files travel verbatim in META-INF/licenses/{artifactId}/, every
     * NOTICE's copyright lines are in the merged META-INF/NOTICE, a licence other than Apache-2.0 (whose text is
     * META-INF/LICENSE) has its text in the library's folder, and THIRD-PARTY.txt names every library.
     */
    @Test
    void carriesEveryBundledLibrarysLicenceAndNotice() throws IOException {
        List<JsonNode> components = bundledComponents();
        try (ZipFile jar = new ZipFile(JAR.toFile())) {
            String notice = text(jar, "META-INF/NOTICE");
            String thirdParty = text(jar, "META-INF/THIRD-PARTY.txt");
            for (JsonNode component : components) {
                String artifactId = component.path("name").asText();
                String folder = "META-INF/licenses/" + artifactId + "/";
                assertTrue(thirdParty.contains(coordinates(component) + " "), "THIRD-PARTY.txt names "
                    + coordinates(component));
                try (ZipFile library = new ZipFile(libraryJar(component).toFile())) {
                    for (String name : entryNames(library)) {
                        if (!name.matches("META-INF/(LICENSE|NOTICE)[^/]*")) {
                            continue;
                        }
                        String copy = folder + name.substring("META-INF/".length());
                        assertArrayEquals(bytes(library, name), bytes(jar, copy), copy + " is " + name + " verbatim");
                        if (name.startsWith("META-INF/NOTICE")) {
                            for (String line : text(library, name).split("\n")) {
                                if (line.startsWith("Copyright")) {
                                    assertTrue(notice.contains(line.trim()), "META-INF/NOTICE carries " + line);
                                }
                            }
                        }
                    }
                }
                boolean apacheOnly = licences(component).stream().allMatch(l -> l.contains("Apache"));
                if (!apacheOnly && !component.path("group").asText().equals(OWN_GROUP)) {
                    assertTrue(entryNames(jar).stream().anyMatch(n -> n.startsWith(folder) && !n.endsWith("/")),
                        coordinates(component) + " is under " + licences(component) + ": its text belongs in "
                            + folder);
                }
            }
        }
    }

    private static List<JsonNode> bundledComponents() throws IOException {
        assumeFalse(System.getProperty("payer-access.maven-mode", "").equals("offline=true"),
            "built offline (-o): CycloneDX's makeBom runs online only, so there is no SBOM to check");
        if (!Files.exists(SBOM)) {
            fail("No SBOM at " + SBOM + ": the provider's cyclonedx-maven-plugin writes it at package");
        }
        JsonNode bom = new ObjectMapper().readTree(SBOM.toFile());
        assertEquals("CycloneDX", bom.path("bomFormat").asText());
        assertEquals("keycloak-payer-access", bom.path("metadata").path("component").path("name").asText());
        List<JsonNode> components = new ArrayList<>();
        bom.path("components").forEach(components::add);
        assertFalse(components.isEmpty(), "the SBOM lists the bundled libraries");
        return components;
    }

    /** The component's JAR in the local repository, checked against the SHA-256 the SBOM records for it. */
    private static Path libraryJar(JsonNode component) throws IOException {
        String group = component.path("group").asText();
        String name = component.path("name").asText();
        String version = component.path("version").asText();
        Path jar = LOCAL_REPOSITORY.resolve(group.replace('.', '/')).resolve(name).resolve(version)
            .resolve(name + "-" + version + ".jar");
        String recorded = "";
        for (JsonNode hash : component.path("hashes")) {
            if (hash.path("alg").asText().equals("SHA-256")) {
                recorded = hash.path("content").asText();
            }
        }
        if (group.equals(OWN_GROUP)) {
            // Built in this reactor: the local repository holds it only after an install.
            jar = JAR.getParent().getParent().getParent().resolve("themes/target/" + name + "-" + version + ".jar");
        }
        assertEquals(recorded, sha256(jar), "the SBOM's SHA-256 of " + jar);
        return jar;
    }

    private static List<String> licences(JsonNode component) {
        List<String> licences = new ArrayList<>();
        for (JsonNode choice : component.path("licenses")) {
            JsonNode licence = choice.path("license");
            String id = licence.path("id").asText();
            licences.add(id.isEmpty() ? licence.path("name").asText() : id);
        }
        licences.removeIf(String::isEmpty);
        return licences;
    }

    private static String coordinates(JsonNode component) {
        return component.path("group").asText() + ":" + component.path("name").asText();
    }

    private static Set<String> entryNames(ZipFile zip) {
        Set<String> names = new HashSet<>();
        zip.stream().map(ZipEntry::getName).forEach(names::add);
        return names;
    }

    private static byte[] bytes(ZipFile zip, String name) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            fail(name + " is missing from " + zip.getName());
        }
        try (var in = zip.getInputStream(entry)) {
            return in.readAllBytes();
        }
    }

    private static String text(ZipFile zip, String name) throws IOException {
        return new String(bytes(zip, name), StandardCharsets.UTF_8).replace("\r\n", "\n");
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
