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
import org.hl7.fhir.r4.model.Practitioner;

/** Practitioners of the plan's public directory, with their NPIs, visible to every member. */
public final class PractitionerProvider extends RecordProvider<Practitioner> {

    PractitionerProvider(SandboxRecords records, Inclusions inclusions) {
        super(Practitioner.class, records, inclusions);
    }

    @Search
    public IBundleProvider search(
        @OptionalParam(name = IAnyResource.SP_RES_ID) TokenAndListParam ids,
        @OptionalParam(name = Practitioner.SP_IDENTIFIER) TokenAndListParam identifiers,
        @IncludeParam Set<Include> includes,
        @IncludeParam(reverse = true) Set<Include> revIncludes,
        @Count Integer count,
        @Offset Integer offset,
        RequestDetails request) {
        Predicate<Practitioner> criteria = Criteria.<Practitioner>ids(ids)
            .and(Criteria.identifiers(identifiers, Practitioner::getIdentifier));
        return search(request, new SearchQuery<>(criteria, includes, revIncludes, PageWindow.of(offset, count)));
    }
}
