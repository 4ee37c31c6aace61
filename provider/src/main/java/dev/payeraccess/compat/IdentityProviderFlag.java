package dev.payeraccess.compat;

import org.keycloak.models.IdentityProviderModel;

/**
 * The on/off settings of Keycloak's {@link IdentityProviderModel} this extension decides for its plans. Their
 * setters take {@code boolean} up to Keycloak 26.4 and {@code Boolean} since 26.5: a call compiled against one
 * does not link on the other, so each is called through the setter the running Keycloak has.
 */
public enum IdentityProviderFlag {

    STORE_TOKEN("setStoreToken"),
    ADD_READ_TOKEN_ROLE_ON_CREATE("setAddReadTokenRoleOnCreate"),
    /** Keycloak refuses logins through a link-only provider; linking from a signed-in account still works. */
    LINK_ONLY("setLinkOnly"),
    /** Keycloak's login page leaves the provider out of its sign-in buttons. */
    HIDE_ON_LOGIN("setHideOnLogin"),
    /** Trusted emails let Keycloak's first-broker-login flow link an existing account by email alone. */
    TRUST_EMAIL("setTrustEmail");

    private final String setter;

    IdentityProviderFlag(String setter) {
        this.setter = setter;
    }

    public void set(IdentityProviderModel model, boolean value) {
        for (Class<?> type : new Class<?>[] {Boolean.class, boolean.class}) {
            try {
                IdentityProviderModel.class.getMethod(setter, type).invoke(model, value);
                return;
            } catch (NoSuchMethodException e) {
                // try the other parameter type
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("IdentityProviderModel." + setter + " failed", e);
            }
        }
        throw new IllegalStateException("This Keycloak has no IdentityProviderModel." + setter);
    }
}
