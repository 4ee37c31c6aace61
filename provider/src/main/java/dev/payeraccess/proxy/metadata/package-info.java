/**
 * What the proxy declares about itself for one plan: its CapabilityStatement ({@code ProxyCapabilities}, with the
 * searches it forwards, {@code CapabilitySearches}) and its SMART configuration ({@code SmartConfigurationDocument}).
 * Uses {@code policy} (what is forwarded) and the plan's cached capabilities.
 */
package dev.payeraccess.proxy.metadata;
