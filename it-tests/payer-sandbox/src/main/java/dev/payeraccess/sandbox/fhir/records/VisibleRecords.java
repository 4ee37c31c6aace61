package dev.payeraccess.sandbox.fhir.records;

import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Resource;

/**
 * The records one access grant may see. Everything outside is treated as if it did not exist, so another
 * member's record is as unknown as a made-up id.
 */
public final class VisibleRecords {

    private final List<Resource> resources;

    VisibleRecords(List<Resource> resources) {
        this.resources = List.copyOf(resources);
    }

    /** All visible records, in a stable order. */
    public List<Resource> all() {
        return resources;
    }

    public List<Resource> ofType(String resourceType) {
        return resources.stream().filter(r -> r.fhirType().equals(resourceType)).toList();
    }

    public Optional<Resource> find(String resourceType, String id) {
        return resources.stream()
            .filter(r -> r.fhirType().equals(resourceType) && r.getIdElement().getIdPart().equals(id))
            .findFirst();
    }
}
