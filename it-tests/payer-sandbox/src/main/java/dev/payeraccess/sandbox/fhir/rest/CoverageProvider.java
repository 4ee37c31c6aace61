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
import org.hl7.fhir.r4.model.Coverage;

/**
 * The member's coverages; {@code patient} and {@code beneficiary} both name the covered member, {@code subscriber}
 * and {@code policy-holder} the member whose plan it is (at a household, a dependent's coverage names the member).
 */
public final class CoverageProvider extends RecordProvider<Coverage> {

    CoverageProvider(SandboxRecords records, Inclusions inclusions) {
        super(Coverage.class, records, inclusions);
    }

    @Search
    public IBundleProvider search(
        @OptionalParam(name = IAnyResource.SP_RES_ID) TokenAndListParam ids,
        @OptionalParam(name = Coverage.SP_PATIENT) ReferenceAndListParam patient,
        @OptionalParam(name = Coverage.SP_BENEFICIARY) ReferenceAndListParam beneficiary,
        @OptionalParam(name = Coverage.SP_SUBSCRIBER) ReferenceAndListParam subscriber,
        @OptionalParam(name = Coverage.SP_POLICY_HOLDER) ReferenceAndListParam policyHolder,
        @IncludeParam(allow = {"Coverage:payor", "Coverage:beneficiary", "Coverage:patient", "Coverage:subscriber",
            "*"}) Set<Include> includes,
        @IncludeParam(reverse = true) Set<Include> revIncludes,
        @Count Integer count,
        @Offset Integer offset,
        RequestDetails request) {
        Predicate<Coverage> criteria = Criteria.<Coverage>ids(ids)
            .and(Criteria.references(patient, "Patient", coverage -> List.of(coverage.getBeneficiary())))
            .and(Criteria.references(beneficiary, "Patient", coverage -> List.of(coverage.getBeneficiary())))
            .and(Criteria.references(subscriber, "Patient", coverage -> List.of(coverage.getSubscriber())))
            .and(Criteria.references(policyHolder, "Patient", coverage -> List.of(coverage.getPolicyHolder())));
        return search(request, new SearchQuery<>(criteria, includes, revIncludes, PageWindow.of(offset, count)));
    }
}
