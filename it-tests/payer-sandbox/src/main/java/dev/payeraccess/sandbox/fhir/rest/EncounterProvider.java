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
import org.hl7.fhir.r4.model.Encounter;

/** The member's encounters; clinical data, served on the payer-to-payer track only. */
public final class EncounterProvider extends RecordProvider<Encounter> {

    EncounterProvider(SandboxRecords records, Inclusions inclusions) {
        super(Encounter.class, records, inclusions);
    }

    @Search
    public IBundleProvider search(
        @OptionalParam(name = IAnyResource.SP_RES_ID) TokenAndListParam ids,
        @OptionalParam(name = Encounter.SP_PATIENT) ReferenceAndListParam patient,
        @OptionalParam(name = Encounter.SP_SUBJECT) ReferenceAndListParam subject,
        @IncludeParam(allow = {"Encounter:patient", "Encounter:subject", "Encounter:practitioner",
            "Encounter:participant", "Encounter:service-provider", "Encounter:location", "*"}) Set<Include> includes,
        @IncludeParam(reverse = true) Set<Include> revIncludes,
        @Count Integer count,
        @Offset Integer offset,
        RequestDetails request) {
        Predicate<Encounter> criteria = Criteria.<Encounter>ids(ids)
            .and(Criteria.references(patient, "Patient", encounter -> List.of(encounter.getSubject())))
            .and(Criteria.references(subject, null, encounter -> List.of(encounter.getSubject())));
        return search(request, new SearchQuery<>(criteria, includes, revIncludes, PageWindow.of(offset, count)));
    }
}
