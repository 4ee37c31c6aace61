package dev.payeraccess.profile;

import dev.payeraccess.broker.PlanIdentityProviderConfig;
import dev.payeraccess.broker.PlanIdentityProviderFactory;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * Which settings of a plan make up its plan profile: every setting of the admin form except the credentials,
 * secret fields and the organization's own policy. Taken from the form, so a setting added to it is shared too.
 * Pure: maps a plan's stored configuration to its profile and back.
 */
public final class SharedSettings {

    /**
     * Keycloak's vault expression, e.g. {@code ${vault.plan_secret}}: where this Keycloak keeps a secret, which
     * means nothing to another organization and is never shared.
     */
    private static final Pattern VAULT_REFERENCE = Pattern.compile("\\s*\\$\\{vault\\..*}\\s*");

    private final List<String> keys;
    private final Set<String> secrets;

    private SharedSettings(List<String> keys, Set<String> secrets) {
        this.keys = List.copyOf(keys);
        this.secrets = Set.copyOf(secrets);
    }

    /** The profile of the health-plan form this extension ships. */
    public static SharedSettings ofPlanForm() {
        return of(PlanIdentityProviderFactory.settingsForm());
    }

    static SharedSettings of(List<ProviderConfigProperty> form) {
        Set<String> secrets = new HashSet<>(PlanIdentityProviderConfig.CREDENTIALS);
        form.stream().filter(SharedSettings::isSecret).map(ProviderConfigProperty::getName).forEach(secrets::add);
        List<String> keys = form.stream().map(ProviderConfigProperty::getName)
            .filter(key -> !secrets.contains(key) && !PlanIdentityProviderConfig.ORGANIZATION_POLICY.contains(key))
            .distinct().toList();
        return new SharedSettings(keys, secrets);
    }

    /** The settings a profile may hold, in the form's order. */
    List<String> keys() {
        return keys;
    }

    /** A plan's profile: its profile settings that have a value, in the form's order, vault references left out. */
    Map<String, String> profileOf(Map<String, String> config) {
        Map<String, String> profile = new LinkedHashMap<>();
        for (String key : keys) {
            String value = config.get(key);
            if (value != null && !value.isBlank() && !isVaultReference(value)) {
                profile.put(key, value);
            }
        }
        return profile;
    }

    /**
     * {@code config} with its profile replaced by {@code profile}: a profile setting the profile lacks is removed;
     * credentials, the organization's policy and Keycloak's own keys are kept as they are.
     */
    Map<String, String> replacedIn(Map<String, String> config, Map<String, String> profile) {
        Map<String, String> replaced = new HashMap<>(config);
        keys.forEach(replaced::remove);
        profileOf(profile).forEach(replaced::put);
        return replaced;
    }

    /** Why {@code key} with {@code value} cannot be part of a plan profile; empty when it can. */
    Optional<String> refusal(String key, String value) {
        if (secrets.contains(key)) {
            return Optional.of("is a credential, and a plan profile never carries credentials: remove it, and enter "
                + "the client id and secret the plan registered for you on the plan after the import.");
        }
        if (PlanIdentityProviderConfig.ORGANIZATION_POLICY.contains(key)) {
            return Optional.of("is this organization's own decision, not part of a plan profile: remove it, and "
                + "decide it on the plan after the import.");
        }
        if (!keys.contains(key)) {
            return Optional.of("is not a plan profile setting. A profile holds " + String.join(", ", keys) + ".");
        }
        if (isVaultReference(value)) {
            return Optional.of("refers to a secret in this Keycloak's vault, and a plan profile carries no secrets: "
                + "remove it.");
        }
        return Optional.empty();
    }

    private static boolean isSecret(ProviderConfigProperty property) {
        return property.isSecret() || ProviderConfigProperty.PASSWORD.equals(property.getType());
    }

    private static boolean isVaultReference(String value) {
        return VAULT_REFERENCE.matcher(value).matches();
    }
}
