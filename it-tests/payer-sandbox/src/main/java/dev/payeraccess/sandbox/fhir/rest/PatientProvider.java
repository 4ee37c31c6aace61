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
import org.hl7.fhir.r4.model.Patient;

/** The member's own Patient record; a search never returns anyone else. */
public final class PatientProvider extends RecordProvider<Patient> {

    PatientProvider(SandboxRecords records, Inclusions inclusions) {
        super(Patient.class, records, inclusions);
    }

    @Search
    public IBundleProvider search(
        @OptionalParam(name = IAnyResource.SP_RES_ID) TokenAndListParam ids,
        @OptionalParam(name = Patient.SP_IDENTIFIER) TokenAndListParam identifiers,
        @IncludeParam(allow = {"Patient:general-practitioner", "Patient:organization", "*"}) Set<Include> includes,
        @IncludeParam(reverse = true, allow = {"ExplanationOfBenefit:patient", "Coverage:patient",
            "Coverage:beneficiary", "Coverage:subscriber", "Encounter:patient", "AllergyIntolerance:patient",
            "MedicationRequest:patient", "Observation:patient", "*"}) Set<Include> revIncludes,
        @Count Integer count,
        @Offset Integer offset,
        RequestDetails request) {
        Predicate<Patient> criteria = Criteria.<Patient>ids(ids)
            .and(Criteria.identifiers(identifiers, Patient::getIdentifier));
        return search(request, new SearchQuery<>(criteria, includes, revIncludes, PageWindow.of(offset, count)));
    }
}
