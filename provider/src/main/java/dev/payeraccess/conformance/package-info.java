/**
 * The conformance check ("Test this plan"): pure checks of what a plan publishes and what a member's link shows,
 * each a finding with a suggested setting, and {@code PlanConformance}, the one class that makes the calls. Uses
 * {@code plan}, {@code token}, {@code broker} and {@code fhir}; never the proxy.
 */
package dev.payeraccess.conformance;
