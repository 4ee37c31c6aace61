package dev.payeraccess.sandbox.fhir.rest;

import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IncludeParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.ReferenceAndListParam;
import ca.uhn.fhir.rest.param.TokenAndListParam;
import dev.payeraccess.sandbox.fhir.records.SandboxRecords;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.hl7.fhir.instance.model.api.IAnyResource;
import org.hl7.fhir.r4.model.AllergyIntolerance;

/** The member's allergies; clinical data, served on the payer-to-payer track only. */
public final class AllergyIntoleranceProvider extends RecordProvider<AllergyIntolerance> {

    AllergyIntoleranceProvider(SandboxRecords records, Inclusions inclusions) {
        super(AllergyIntolerance.class, records, inclusions);
    }

    @Search
    public IBundleProvider search(
        @OptionalParam(name = IAnyResource.SP_RES_ID) TokenAndListParam ids,
        @OptionalParam(name = AllergyIntolerance.SP_PATIENT) ReferenceAndListParam patient,
        @IncludeParam(allow = {"AllergyIntolerance:patient", "*"}) Set<Include> includes,
        @IncludeParam(reverse = true) Set<Include> revIncludes,
        @Count Integer count,
        @Offset Integer offset,
        RequestDetails request) {
        Predicate<AllergyIntolerance> criteria = Criteria.<AllergyIntolerance>ids(ids)
            .and(Criteria.references(patient, "Patient", allergy -> List.of(allergy.getPatient())));
        return search(request, new SearchQuery<>(criteria, includes, revIncludes, PageWindow.of(offset, count)));
    }
}
