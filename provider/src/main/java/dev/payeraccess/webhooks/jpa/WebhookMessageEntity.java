package dev.payeraccess.webhooks.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * A row of {@code PAYER_ACCESS_WEBHOOK_MESSAGE}: one outbox message for one subscription, and its delivery log
 * entry. {@code CLAIMED_BY}/{@code CLAIMED_UNTIL} are the claim of the node delivering it. Times are epoch
 * milliseconds.
 */
@Entity
@Table(name = "PAYER_ACCESS_WEBHOOK_MESSAGE")
@NamedQueries({
    @NamedQuery(name = "payerAccessWebhookMessagesDue",
        query = "select m.id from WebhookMessageEntity m, WebhookSubscriptionEntity s"
            + " where m.subscriptionId = s.id and s.enabled = true and m.status = 'PENDING'"
            + " and m.nextAttemptAt <= :now and (m.claimedUntil is null or m.claimedUntil <= :now)"
            + " order by m.nextAttemptAt, m.createdAt"),
    @NamedQuery(name = "payerAccessWebhookMessageClaim",
        query = "update WebhookMessageEntity m set m.claimedBy = :node, m.claimedUntil = :until"
            + " where m.id = :id and m.status = 'PENDING' and (m.claimedUntil is null or m.claimedUntil <= :now)"),
    @NamedQuery(name = "payerAccessWebhookLog",
        query = "select m from WebhookMessageEntity m where m.subscriptionId = :subscriptionId"
            + " order by m.createdAt desc, m.id"),
    @NamedQuery(name = "payerAccessWebhookMessagesRemove",
        query = "delete from WebhookMessageEntity m where m.subscriptionId = :subscriptionId"),
    @NamedQuery(name = "payerAccessWebhookMessagesForget",
        query = "delete from WebhookMessageEntity m where m.status <> 'PENDING' and m.createdAt < :before")
})
public class WebhookMessageEntity {

    @Id
    @Column(name = "ID", length = 64)
    private String id;

    @Column(name = "SUBSCRIPTION_ID", length = 36, nullable = false)
    private String subscriptionId;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "TYPE", length = 64, nullable = false)
    private String type;

    @Column(name = "BODY", length = 4000, nullable = false)
    private String body;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    @Column(name = "STATUS", length = 16, nullable = false)
    private String status;

    @Column(name = "ATTEMPTS", nullable = false)
    private int attempts;

    @Column(name = "NEXT_ATTEMPT_AT", nullable = false)
    private long nextAttemptAt;

    @Column(name = "LAST_ATTEMPT_AT")
    private Long lastAttemptAt;

    @Column(name = "LAST_STATUS")
    private Integer lastStatus;

    @Column(name = "LAST_ERROR", length = 512)
    private String lastError;

    @Column(name = "DELIVERED_AT")
    private Long deliveredAt;

    @Column(name = "CLAIMED_BY", length = 36)
    private String claimedBy;

    @Column(name = "CLAIMED_UNTIL")
    private Long claimedUntil;

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getSubscriptionId() {
        return subscriptionId;
    }

    public void setSubscriptionId(String subscriptionId) {
        this.subscriptionId = subscriptionId;
    }

    public String getRealmId() {
        return realmId;
    }

    public void setRealmId(String realmId) {
        this.realmId = realmId;
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public String getBody() {
        return body;
    }

    public void setBody(String body) {
        this.body = body;
    }

    public long getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(long createdAt) {
        this.createdAt = createdAt;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public int getAttempts() {
        return attempts;
    }

    public void setAttempts(int attempts) {
        this.attempts = attempts;
    }

    public long getNextAttemptAt() {
        return nextAttemptAt;
    }

    public void setNextAttemptAt(long nextAttemptAt) {
        this.nextAttemptAt = nextAttemptAt;
    }

    public Long getLastAttemptAt() {
        return lastAttemptAt;
    }

    public void setLastAttemptAt(Long lastAttemptAt) {
        this.lastAttemptAt = lastAttemptAt;
    }

    public Integer getLastStatus() {
        return lastStatus;
    }

    public void setLastStatus(Integer lastStatus) {
        this.lastStatus = lastStatus;
    }

    public String getLastError() {
        return lastError;
    }

    public void setLastError(String lastError) {
        this.lastError = lastError;
    }

    public Long getDeliveredAt() {
        return deliveredAt;
    }

    public void setDeliveredAt(Long deliveredAt) {
        this.deliveredAt = deliveredAt;
    }

    public String getClaimedBy() {
        return claimedBy;
    }

    public void setClaimedBy(String claimedBy) {
        this.claimedBy = claimedBy;
    }

    public Long getClaimedUntil() {
        return claimedUntil;
    }

    public void setClaimedUntil(Long claimedUntil) {
        this.claimedUntil = claimedUntil;
    }
}
