package dev.payeraccess.sandbox.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.FifoMemoryPagingProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import dev.payeraccess.sandbox.control.SandboxControls;
import dev.payeraccess.sandbox.fhir.access.BearerTokenInterceptor;
import dev.payeraccess.sandbox.fhir.large.LargeBundleInterceptor;
import dev.payeraccess.sandbox.fhir.records.SandboxRecords;
import dev.payeraccess.sandbox.fhir.rest.ResourceProviders;
import dev.payeraccess.sandbox.oauth.AccessTokens;

/**
 * HAPI's plain RESTful server, set up as the demo health plan's FHIR R4 Patient Access API: JSON by
 * default, bearer tokens required, every resource type scoped to the caller's grant.
 */
final class SandboxFhirServer extends RestfulServer {

    private static final long serialVersionUID = 1L;

    SandboxFhirServer(SandboxRecords records, AccessTokens tokens, SandboxControls controls, FhirHosts hosts) {
        super(FhirContext.forR4Cached());
        setServerName("1up Demo Health Plan - Patient Access API (sandbox)");
        setImplementationDescription("Synthetic CARIN Blue Button data for integration tests");
        // Clients that send no Accept header (or */*) get JSON, as real plans answer.
        setDefaultResponseEncoding(EncodingEnum.JSON);
        // The incoming address, but the FHIR base for requests on the second host (see FhirHosts).
        setServerAddressStrategy(hosts);
        // Only searches answered with a plain result list are paged here (SandboxControls.serverSidePaging);
        // the others report their own offset and link with _offset.
        FifoMemoryPagingProvider paging = new FifoMemoryPagingProvider(100);
        paging.setDefaultPageSize(10);
        setPagingProvider(paging);
        registerInterceptor(new PagingStyle(controls));
        registerInterceptor(new PagingQuirks(controls, hosts));
        registerInterceptor(new EverythingSwitch(controls));
        setResourceProviders(ResourceProviders.serving(records, getFhirContext()));
        registerInterceptor(new BearerTokenInterceptor(tokens, controls));
        registerInterceptor(new LargeBundleInterceptor(getFhirContext(), records, controls));
        registerInterceptor(new OperationOutcomeErrors());
        registerInterceptor(new DeclaredProfiles(controls));
    }
}
