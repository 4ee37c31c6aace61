package dev.payeraccess.compat;

/**
 * What differs between the Keycloak 26.x versions this extension runs on, found once per JVM by looking
 * for the types themselves (version strings of vendor builds such as Red Hat's do not say which API they
 * carry). A constant of the JVM's class path, not state.
 */
public final class KeycloakVersion {

    /** Keycloak 26.5 moved the broker callback type to {@code UserAuthenticationIdentityProvider}. */
    public static final boolean HAS_USER_AUTHENTICATION_CALLBACK =
        present("org.keycloak.broker.provider.UserAuthenticationIdentityProvider");

    private KeycloakVersion() {
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, KeycloakVersion.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
