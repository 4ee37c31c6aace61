package dev.payeraccess.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the builder collects before anything starts: defaults a caller need not name, and settings it refuses. */
class KeycloakStackBuilderTest {

    @Test
    void withoutSettingsTheStackUsesFreePortsTheBuildsDirectoriesAndNoTemplates() {
        KeycloakStack.Settings settings = KeycloakStack.builder().settings();

        assertEquals(new KeycloakStack.Settings("stack", Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), 0, 0, 0, 0, false, false, java.util.List.of()), settings);
    }

    @Test
    void keepsEverySettingAsGiven() {
        Path work = Path.of("target/it-work").toAbsolutePath();
        KeycloakStack.Settings settings = KeycloakStack.builder().name("demo").workDir(Path.of("target/it-work"))
            .keycloakVersion("26.4.7").sandboxPort(8090).httpPort(8080).managementPort(9000).demoAppPort(3000)
            .importRealmTemplates().keycloakOption("--log-level=INFO").settings();

        assertEquals(new KeycloakStack.Settings("demo", Optional.empty(), Optional.of(work), Optional.of("26.4.7"),
            Optional.empty(), 8090, 8080, 9000, 3000, true, false, java.util.List.of("--log-level=INFO")), settings);
    }

    @Test
    void refusesANameThatCannotNameALogFile() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
            () -> KeycloakStack.builder().name("../it"));

        assertTrue(refused.getMessage().contains("../it"), refused.getMessage());
    }

    @Test
    void aClusterTakesThePublicPortAndRefusesOneManagementPortForTwoNodes() {
        KeycloakStack.Settings settings = KeycloakStack.builder().cluster().httpPort(8080).settings();
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
            () -> KeycloakStack.builder().cluster().managementPort(9000).settings());

        assertTrue(settings.cluster());
        assertEquals(8080, settings.httpPort());
        assertTrue(refused.getMessage().startsWith("managementPort"), refused.getMessage());
    }

    @Test
    void refusesAVersionThatIsNotMajorMinorPatch() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
            () -> KeycloakStack.builder().keycloakVersion("26.4"));

        assertTrue(refused.getMessage().contains("26.4.7"), refused.getMessage());
    }

    @Test
    void refusesAPortOutsideTheRangeNamingTheSetting() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
            () -> KeycloakStack.builder().httpPort(70_000));

        assertTrue(refused.getMessage().startsWith("httpPort"), refused.getMessage());
    }

    @Test
    void everyServedVersionStartsWithTheDevelopmentSwitchSoTheSandboxOnLoopbackIsCalled() {
        for (String served : java.util.List.of("26.4.7", "26.5.6", "26.7.3")) {
            assertTrue(KeycloakStack.oneNodeStartOptions(served).contains(KeycloakStack.PRIVATE_ADDRESSES), served);
        }
    }
}
