package dev.payeraccess.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Where each served version takes {@code --cache}: at build from 26.6 on, at start before. */
class KeycloakVersionTest {

    private static final List<String> BASE = List.of("--db=dev-file");

    @Test
    void keycloak26_7TakesTheCacheAtBuildTime() {
        KeycloakVersion version = KeycloakVersion.of("26.7.3");

        assertEquals(List.of("--db=dev-file", "--cache=local"), version.buildOptions(BASE, "--cache=local"));
        assertEquals(List.of(), version.startOptions("--cache=local"));
    }

    @Test
    void keycloak26_4And26_5TakeTheCacheAtStart() {
        for (String served : List.of("26.4.7", "26.5.6")) {
            KeycloakVersion version = KeycloakVersion.of(served);

            assertEquals(BASE, version.buildOptions(BASE, "--cache=local"), served);
            assertEquals(List.of("--cache=local"), version.startOptions("--cache=local"), served);
        }
    }
}
