package dev.payeraccess.sandbox.fhir.rest;

import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IncludeParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Sort;
import ca.uhn.fhir.rest.api.SortOrderEnum;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.ReferenceAndListParam;
import ca.uhn.fhir.rest.param.TokenAndListParam;
import ca.uhn.fhir.rest.param.UriAndListParam;
import dev.payeraccess.sandbox.fhir.records.SandboxRecords;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.hl7.fhir.instance.model.api.IAnyResource;
import org.hl7.fhir.r4.model.ExplanationOfBenefit;

/**
 * The member's adjudicated claims, newest first unless sorted by {@code created} or {@code service-date}, then their
 * prior authorizations (Da Vinci PDex), with the includes and the {@code type} search CARIN Blue Button clients ask
 * for. {@code _profile} finds either kind by its profile, as PDex expects a plan to let members tell them apart; R4
 * has no {@code use} search parameter, and this plan refuses one (HAPI's plain server answers unknown parameters
 * with 400).
 */
public final class ExplanationOfBenefitProvider extends RecordProvider<ExplanationOfBenefit> {

    ExplanationOfBenefitProvider(SandboxRecords records, Inclusions inclusions) {
        super(ExplanationOfBenefit.class, records, inclusions);
    }

    @Search
    public IBundleProvider search(
        @OptionalParam(name = IAnyResource.SP_RES_ID) TokenAndListParam ids,
        @OptionalParam(name = ExplanationOfBenefit.SP_PATIENT) ReferenceAndListParam patient,
        @OptionalParam(name = ExplanationOfBenefit.SP_PAYEE) ReferenceAndListParam payee,
        @OptionalParam(name = "_profile") UriAndListParam profile,
        @OptionalParam(name = "type") TokenAndListParam type,
        @IncludeParam(allow = {"ExplanationOfBenefit:patient", "ExplanationOfBenefit:coverage",
            "ExplanationOfBenefit:provider", "ExplanationOfBenefit:insurer", "ExplanationOfBenefit:care-team",
            "ExplanationOfBenefit:facility", "ExplanationOfBenefit:payee", "*"}) Set<Include> includes,
        @IncludeParam(reverse = true) Set<Include> revIncludes,
        @Count Integer count,
        @Offset Integer offset,
        @Sort SortSpec sort,
        RequestDetails request) {
        Predicate<ExplanationOfBenefit> criteria = Criteria.<ExplanationOfBenefit>ids(ids)
            .and(Criteria.references(patient, "Patient", eob -> List.of(eob.getPatient())))
            .and(Criteria.references(payee, "Patient", eob -> List.of(eob.getPayee().getParty())))
            .and(Criteria.profiles(profile))
            .and(Criteria.codes(type, eob -> List.of(eob.getType())));
        return search(request, new SearchQuery<>(criteria, includes, revIncludes, PageWindow.of(offset, count)),
            order(sort));
    }

    /**
     * {@code _sort} by {@code created} or CARIN's {@code service-date} (the billable period's start), either way; the
     * self link then shows the sort, as FHIR asks of a server that sorted. Any other sort is ignored.
     */
    private static Optional<Comparator<ExplanationOfBenefit>> order(SortSpec sort) {
        if (sort == null) {
            return Optional.empty();
        }
        Comparator<ExplanationOfBenefit> order = switch (sort.getParamName()) {
            case "created" -> Comparator.comparing(ExplanationOfBenefit::getCreated);
            case "service-date" -> Comparator.comparing(eob -> eob.getBillablePeriod().getStart());
            default -> null;
        };
        if (order == null) {
            return Optional.empty();
        }
        return Optional.of(sort.getOrder() == SortOrderEnum.DESC ? order.reversed() : order);
    }
}
