package dev.payeraccess.sandbox.fhir.records;

import java.time.Instant;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Resource;

/**
 * Gives a record its identity. The sandbox never updates anything, so every record exists in version
 * {@code 1} only, and its {@code lastUpdated} is fixed (in UTC) so reads are byte-for-byte repeatable.
 */
final class FirstVersion {

    private FirstVersion() {
    }

    static <T extends Resource> T stamp(T resource, String id, Instant lastUpdated, String profile) {
        resource.setId(new IdType(resource.fhirType(), id, "1"));
        resource.getMeta()
            .setVersionId("1")
            .setLastUpdatedElement(new InstantType(lastUpdated.toString()))
            .addProfile(profile);
        return resource;
    }
}
