package dev.payeraccess.linkschedule;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * One row of the link schedule (see {@code META-INF/payer-access-link-schedule-changelog.xml}). Times are epoch
 * milliseconds, as in Keycloak's own tables; a row is keyed by realm, plan alias and user like the federated identity
 * link it describes.
 */
@Entity
@Table(name = "PAYER_ACCESS_LINK_SCHEDULE")
@NamedQueries({
    @NamedQuery(name = "payerAccessLinkScheduleFind", query = "select e from LinkScheduleEntity e"
        + " where e.realmId = :realmId and e.planAlias = :alias and e.userId = :userId"),
    @NamedQuery(name = "payerAccessLinkScheduleRenewBy", query = "select e from LinkScheduleEntity e"
        + " where e.renewBy is not null and e.renewBy <= :by and e.state <> :relinkRequired order by e.renewBy"),
    @NamedQuery(name = "payerAccessLinkScheduleRead", query = "update LinkScheduleEntity e set e.lastAppRead = :at"
        + " where e.realmId = :realmId and e.planAlias = :alias and e.userId = :userId"),
    @NamedQuery(name = "payerAccessLinkScheduleOfPlan", query = "select e.userId from LinkScheduleEntity e"
        + " where e.realmId = :realmId and e.planAlias = :alias"),
    @NamedQuery(name = "payerAccessLinkScheduleOfUser", query = "select e from LinkScheduleEntity e"
        + " where e.realmId = :realmId and e.userId = :userId order by e.planAlias"),
    @NamedQuery(name = "payerAccessLinkScheduleGrantsEnding", query = "select e from LinkScheduleEntity e"
        + " where e.grantEndsAt is not null and e.grantEndsAt <= :by and e.state <> :relinkRequired"
        + " and (e.grantEndingNoted is null or e.grantEndingNoted <> e.grantEndsAt) order by e.grantEndsAt"),
    @NamedQuery(name = "payerAccessLinkScheduleNoteGrantEnding", query = "update LinkScheduleEntity e"
        + " set e.grantEndingNoted = :endsAt where e.realmId = :realmId and e.planAlias = :alias"
        + " and e.userId = :userId and e.grantEndsAt = :endsAt"
        + " and (e.grantEndingNoted is null or e.grantEndingNoted <> :endsAt)"),
    @NamedQuery(name = "payerAccessLinkScheduleRemoveRealm", query = "delete from LinkScheduleEntity e"
        + " where e.realmId = :realmId")
})
public class LinkScheduleEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "PLAN_ALIAS", length = 255, nullable = false)
    private String planAlias;

    @Column(name = "USER_ID", length = 36, nullable = false)
    private String userId;

    @Column(name = "LINKED_AT")
    private Long linkedAt;

    @Column(name = "RENEW_BY")
    private Long renewBy;

    @Column(name = "GRANT_ENDS_AT")
    private Long grantEndsAt;

    @Column(name = "STATE", length = 32, nullable = false)
    private String state;

    @Column(name = "RELINK_REASON", length = 64)
    private String relinkReason;

    @Column(name = "LAST_APP_READ")
    private Long lastAppRead;

    /** The grant end for which the extension recorded {@code link.grant_ending}. */
    @Column(name = "GRANT_ENDING_NOTED")
    private Long grantEndingNoted;

    @Column(name = "UPDATED_AT", nullable = false)
    private long updatedAt;

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

    public String getPlanAlias() {
        return planAlias;
    }

    public void setPlanAlias(String planAlias) {
        this.planAlias = planAlias;
    }

    public String getUserId() {
        return userId;
    }

    public void setUserId(String userId) {
        this.userId = userId;
    }

    public Long getLinkedAt() {
        return linkedAt;
    }

    public void setLinkedAt(Long linkedAt) {
        this.linkedAt = linkedAt;
    }

    public Long getRenewBy() {
        return renewBy;
    }

    public void setRenewBy(Long renewBy) {
        this.renewBy = renewBy;
    }

    public Long getGrantEndsAt() {
        return grantEndsAt;
    }

    public void setGrantEndsAt(Long grantEndsAt) {
        this.grantEndsAt = grantEndsAt;
    }

    public String getState() {
        return state;
    }

    public void setState(String state) {
        this.state = state;
    }

    public String getRelinkReason() {
        return relinkReason;
    }

    public void setRelinkReason(String relinkReason) {
        this.relinkReason = relinkReason;
    }

    public Long getLastAppRead() {
        return lastAppRead;
    }

    public void setLastAppRead(Long lastAppRead) {
        this.lastAppRead = lastAppRead;
    }

    public Long getGrantEndingNoted() {
        return grantEndingNoted;
    }

    public void setGrantEndingNoted(Long grantEndingNoted) {
        this.grantEndingNoted = grantEndingNoted;
    }

    public long getUpdatedAt() {
        return updatedAt;
    }

    public void setUpdatedAt(long updatedAt) {
        this.updatedAt = updatedAt;
    }
}
