package dev.payeraccess.sandbox.fhir.rest;

import java.util.Optional;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/** A resource's type and logical id: what a reference points at, regardless of base URL or version. */
record ResourceKey(String type, String id) {

    static ResourceKey of(Resource resource) {
        return new ResourceKey(resource.fhirType(), resource.getIdElement().getIdPart());
    }

    /** Empty for references that name nothing resolvable: display-only, contained or type-less ones. */
    static Optional<ResourceKey> of(Reference reference) {
        String value = reference.getReference();
        if (value == null || value.isBlank() || value.startsWith("#")) {
            return Optional.empty();
        }
        IdType id = new IdType(value);
        if (!id.hasResourceType() || !id.hasIdPart()) {
            return Optional.empty();
        }
        return Optional.of(new ResourceKey(id.getResourceType(), id.getIdPart()));
    }
}
