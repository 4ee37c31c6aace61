package dev.payeraccess.sandbox.fhir.rest;

import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IncludeParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.TokenAndListParam;
import dev.payeraccess.sandbox.fhir.records.SandboxRecords;
import java.util.Set;
import java.util.function.Predicate;
import org.hl7.fhir.instance.model.api.IAnyResource;
import org.hl7.fhir.r4.model.Organization;

/**
 * Organizations of the plan's public directory (the plan itself and the network's providers), visible
 * to every member.
 */
public final class OrganizationProvider extends RecordProvider<Organization> {

    OrganizationProvider(SandboxRecords records, Inclusions inclusions) {
        super(Organization.class, records, inclusions);
    }

    @Search
    public IBundleProvider search(
        @OptionalParam(name = IAnyResource.SP_RES_ID) TokenAndListParam ids,
        @OptionalParam(name = Organization.SP_IDENTIFIER) TokenAndListParam identifiers,
        @IncludeParam Set<Include> includes,
        @IncludeParam(reverse = true) Set<Include> revIncludes,
        @Count Integer count,
        @Offset Integer offset,
        RequestDetails request) {
        Predicate<Organization> criteria = Criteria.<Organization>ids(ids)
            .and(Criteria.identifiers(identifiers, Organization::getIdentifier));
        return search(request, new SearchQuery<>(criteria, includes, revIncludes, PageWindow.of(offset, count)));
    }
}
