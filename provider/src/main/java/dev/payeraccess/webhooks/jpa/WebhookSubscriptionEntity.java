package dev.payeraccess.webhooks.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * A row of {@code PAYER_ACCESS_WEBHOOK}: one receiver subscribed to a realm's lifecycle events. The secrets are
 * JWEs encrypted to the realm's key; times are epoch milliseconds.
 */
@Entity
@Table(name = "PAYER_ACCESS_WEBHOOK")
@NamedQueries({
    @NamedQuery(name = "payerAccessWebhooksOfRealm",
        query = "select s from WebhookSubscriptionEntity s where s.realmId = :realmId order by s.createdAt, s.id")
})
public class WebhookSubscriptionEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "URL", length = 2048, nullable = false)
    private String url;

    /** The chosen lifecycle event types, space-separated. */
    @Column(name = "EVENT_TYPES", length = 1024, nullable = false)
    private String eventTypes;

    @Column(name = "ENABLED", nullable = false)
    private boolean enabled;

    @Column(name = "DISABLED_REASON", length = 512)
    private String disabledReason;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    @Column(name = "SECRET", length = 4000, nullable = false)
    private String secret;

    @Column(name = "PREVIOUS_SECRET", length = 4000)
    private String previousSecret;

    @Column(name = "PREVIOUS_SECRET_UNTIL")
    private Long previousSecretUntil;

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getRealmId() {
        return realmId;
    }

    public void setRealmId(String realmId) {
        this.realmId = realmId;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getEventTypes() {
        return eventTypes;
    }

    public void setEventTypes(String eventTypes) {
        this.eventTypes = eventTypes;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getDisabledReason() {
        return disabledReason;
    }

    public void setDisabledReason(String disabledReason) {
        this.disabledReason = disabledReason;
    }

    public long getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(long createdAt) {
        this.createdAt = createdAt;
    }

    public String getSecret() {
        return secret;
    }

    public void setSecret(String secret) {
        this.secret = secret;
    }

    public String getPreviousSecret() {
        return previousSecret;
    }

    public void setPreviousSecret(String previousSecret) {
        this.previousSecret = previousSecret;
    }

    public Long getPreviousSecretUntil() {
        return previousSecretUntil;
    }

    public void setPreviousSecretUntil(Long previousSecretUntil) {
        this.previousSecretUntil = previousSecretUntil;
    }
}
