/**
 * The webhooks' tables in Keycloak's database: JPA entities (indexed in the JAR's Jandex index, where Keycloak's
 * Quarkus distribution finds them) and, compiled against Keycloak's JPA module ({@code src/keycloak-jpa}), the
 * {@code JpaEntityProvider} that registers them with their Liquibase changelog and the JPA {@code WebhookStore}.
 */
package dev.payeraccess.webhooks.jpa;
