package dev.payeraccess.lifecycle;

import org.keycloak.provider.ProviderFactory;

/** Creates a {@link LifecycleSink} per session. */
public interface LifecycleSinkFactory extends ProviderFactory<LifecycleSink> {
}
