package dev.payeraccess.linkschedule;

/** Which link a schedule row describes: the member's link to plan {@code alias} of realm {@code realmId}. */
public record LinkKey(String realmId, String alias, String userId) {
}
