package dev.payeraccess.plan;

import java.util.Map;
import java.util.Set;
import org.keycloak.Config;

/**
 * Keycloak's outgoing HTTP options ({@code connectionsHttpClient}, provider {@code default}) with a few of ours on
 * top, for a client built by Keycloak's own {@code DefaultHttpClientFactory}: the same truststore, proxy mappings and
 * client keystore as every call Keycloak makes, and our settings where ours must hold.
 */
public record KeycloakHttpOptions(Config.Scope keycloak, Map<String, String> own) implements Config.Scope {

    public static KeycloakHttpOptions with(Map<String, String> own) {
        return new KeycloakHttpOptions(Config.scope("connectionsHttpClient", "default"), Map.copyOf(own));
    }

    @Override
    public String get(String key) {
        return own.containsKey(key) ? own.get(key) : keycloak.get(key);
    }

    @Override
    public String get(String key, String defaultValue) {
        return own.containsKey(key) ? own.get(key) : keycloak.get(key, defaultValue);
    }

    @Override
    public String[] getArray(String key) {
        return keycloak.getArray(key);
    }

    @Override
    public Integer getInt(String key) {
        return getInt(key, null);
    }

    @Override
    public Integer getInt(String key, Integer defaultValue) {
        return own.containsKey(key) ? Integer.valueOf(own.get(key)) : keycloak.getInt(key, defaultValue);
    }

    @Override
    public Long getLong(String key) {
        return getLong(key, null);
    }

    @Override
    public Long getLong(String key, Long defaultValue) {
        return own.containsKey(key) ? Long.valueOf(own.get(key)) : keycloak.getLong(key, defaultValue);
    }

    @Override
    public Boolean getBoolean(String key) {
        return getBoolean(key, null);
    }

    @Override
    public Boolean getBoolean(String key, Boolean defaultValue) {
        return own.containsKey(key) ? Boolean.valueOf(own.get(key)) : keycloak.getBoolean(key, defaultValue);
    }

    @Override
    public Config.Scope scope(String... path) {
        return keycloak.scope(path);
    }

    @Override
    public Set<String> getPropertyNames() {
        return keycloak.getPropertyNames();
    }

    @Override
    public Config.Scope root() {
        return keycloak.root();
    }
}
