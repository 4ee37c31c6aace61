package dev.payeraccess.sandbox.fhir.rest;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.IResourceProvider;
import dev.payeraccess.sandbox.fhir.records.SandboxRecords;
import java.util.List;

/** The resource types the sandbox serves, each scoped to the caller's grant. */
public final class ResourceProviders {

    private ResourceProviders() {
    }

    public static List<IResourceProvider> serving(SandboxRecords records, FhirContext fhir) {
        Inclusions inclusions = new Inclusions(fhir);
        return List.of(
            new PatientProvider(records, inclusions),
            new CoverageProvider(records, inclusions),
            new ExplanationOfBenefitProvider(records, inclusions),
            new OrganizationProvider(records, inclusions),
            new PractitionerProvider(records, inclusions),
            new LocationProvider(records, inclusions),
            new EncounterProvider(records, inclusions),
            new AllergyIntoleranceProvider(records, inclusions),
            new MedicationRequestProvider(records, inclusions),
            new ObservationProvider(records, inclusions));
    }
}
