/**
 * Every call to a plan, and nothing else: its token endpoint (redeem, refresh, revoke, one client
 * authentication), the member's Patient search, FHIR reads, SMART discovery and CapabilityStatement fetches, the
 * one URL guard ({@code PlanHosts}), the one outbound-target policy ({@code OutboundTargets}: which addresses the
 * node calls at all, and its development switch), the one bounded reader of what a plan sends ({@code PlanJson}:
 * a plan is untrusted input), and the plan's endpoints and profile as values. Knows nothing of stored tokens, the
 * proxy or the identity provider.
 */
package dev.payeraccess.plan;
