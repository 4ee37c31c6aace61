/**
 * Renewal before a link goes stale: a round one node of the cluster runs per interval
 * ({@code schedule.IntervalSchedule}) that reads the link schedule for links whose refresh token would lapse unused,
 * and renews each through the token layer's single flight, within the plan's caps and waits on this node
 * ({@code proxy.limits}). Links no app has read for a configurable time are left to lapse. Each round also announces
 * grants ending soon ({@code link.grant_ending}, once per link and grant end: {@code GrantEndingNotices}). SPI
 * {@code payer-access-link-renewal}. Uses {@code linkschedule}, {@code token}, {@code broker}, {@code plan},
 * {@code proxy.limits}, {@code schedule} and {@code lifecycle}.
 */
package dev.payeraccess.renewal;
