/**
 * What bounds the proxy on one node so that one member cannot stall the server and no plan is flooded: each user's
 * and link's share, with a short queue for a browser's burst ({@code ConcurrencyLimit}), each plan's gate with its
 * caps, each member's share of them and the waits the plan asked for ({@code PlanGate}, {@code MemberWaits},
 * {@code TokenBucket}), the proxy's own HTTP pool ({@code ProxyHttpPool}) and the deadline of a request. One
 * {@code NodeProxyLimits} per node, behind the {@code payer-access-proxy-limits} SPI. Knows nothing of requests,
 * answers or tokens.
 */
package dev.payeraccess.proxy.limits;
