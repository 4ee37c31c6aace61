/**
 * What an app asked the proxy, before any decision: the request as JAX-RS received it ({@code ProxyRequest}), its
 * parsed FHIR form ({@code FhirRequest}, {@code Interaction}, {@code SearchParameter}) and the parser that refuses
 * what the proxy never forwards (writes, operations, encoded separators, credentials, absolute URLs). Plain Java:
 * uses only {@code fhir}.
 */
package dev.payeraccess.proxy.request;
