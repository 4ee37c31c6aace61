package dev.payeraccess.sandbox.fhir.rest;

import ca.uhn.fhir.util.FhirTerser;
import dev.payeraccess.sandbox.fhir.records.VisibleRecords;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * What {@code Patient/[id]/$everything} returns at the sandbox: the Patient, the visible records that name it, then
 * the Organizations and Practitioners those name, each once.
 */
final class PatientEverything {

    private static final Set<String> DIRECTORY = Set.of("Organization", "Practitioner");

    private PatientEverything() {
    }

    static List<Resource> of(String patientId, VisibleRecords visible, FhirTerser terser) {
        List<Resource> about = new ArrayList<>();
        for (Resource record : visible.all()) {
            boolean isPatient = record.fhirType().equals("Patient") && record.getIdElement().getIdPart()
                .equals(patientId);
            if (isPatient || !DIRECTORY.contains(record.fhirType()) && !record.fhirType().equals("Patient")
                && names(record, "Patient", patientId, terser)) {
                about.add(record);
            }
        }
        Set<Resource> named = new LinkedHashSet<>();
        for (Resource record : about) {
            for (Reference reference : terser.getAllPopulatedChildElementsOfType(record, Reference.class)) {
                Optional<ResourceKey> key = ResourceKey.of(reference);
                key.filter(k -> DIRECTORY.contains(k.type()))
                    .flatMap(k -> visible.find(k.type(), k.id())).ifPresent(named::add);
            }
        }
        List<Resource> everything = new ArrayList<>(about);
        everything.addAll(named);
        return everything;
    }

    private static boolean names(Resource record, String type, String id, FhirTerser terser) {
        return terser.getAllPopulatedChildElementsOfType(record, Reference.class).stream()
            .flatMap(reference -> ResourceKey.of(reference).stream())
            .anyMatch(key -> key.type().equals(type) && key.id().equals(id));
    }
}
