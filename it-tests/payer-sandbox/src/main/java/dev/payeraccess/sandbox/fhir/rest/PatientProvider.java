package dev.payeraccess.sandbox.fhir.rest;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.model.valueset.BundleTypeEnum;
import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.IncludeParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.TokenAndListParam;
import ca.uhn.fhir.rest.server.SimpleBundleProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.util.FhirTerser;
import dev.payeraccess.sandbox.control.SandboxControls;
import dev.payeraccess.sandbox.fhir.records.SandboxRecords;
import dev.payeraccess.sandbox.fhir.records.VisibleRecords;
import java.util.ArrayList;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.hl7.fhir.instance.model.api.IAnyResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;

/**
 * The member's own Patient record; a search never returns anyone else. {@code Patient/[id]/$everything} while the
 * plan has it ({@link dev.payeraccess.sandbox.control.SandboxControls#everythingOperation}).
 */
public final class PatientProvider extends RecordProvider<Patient> {

    private final FhirTerser terser = FhirContext.forR4Cached().newTerser();

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

    /**
     * The patient's record, every record about them the caller may see and the Organizations and Practitioners those
     * name, narrowed by {@code _type}; paged by HAPI ({@code _getpages}, {@code _count}). The sandbox keeps no
     * history, so {@code _since} and the care dates {@code start} and {@code end} are accepted and select everything.
     */
    @Operation(name = "$everything", idempotent = true, bundleType = BundleTypeEnum.SEARCHSET)
    public IBundleProvider everything(@IdParam IdType id,
        @OperationParam(name = "_type") StringType types,
        @OperationParam(name = "start") StringType start,
        @OperationParam(name = "end") StringType end,
        @OperationParam(name = "_since") StringType since,
        RequestDetails request) {
        if (!Boolean.TRUE.equals(request.getUserData().get(SandboxControls.EVERYTHING_OPERATION))) {
            throw new InvalidRequestException("This server does not know the operation $everything");
        }
        VisibleRecords visible = visibleTo(request);
        if (visible.find("Patient", id.getIdPart()).isEmpty()) {
            throw new ResourceNotFoundException(id);
        }
        Optional<Set<String>> wanted = Optional.ofNullable(types).map(StringType::getValue)
            .map(value -> Set.of(value.split(",")));
        return new SimpleBundleProvider(new ArrayList<>(PatientEverything.of(id.getIdPart(), visible, terser).stream()
            .filter(r -> wanted.map(w -> w.contains(r.fhirType())).orElse(true)).map(Resource::copy).toList()));
    }
}
