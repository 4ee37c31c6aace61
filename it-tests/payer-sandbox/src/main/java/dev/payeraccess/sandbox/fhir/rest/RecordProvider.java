package dev.payeraccess.sandbox.fhir.rest;

import ca.uhn.fhir.model.api.annotation.ResourceDef;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.SimpleBundleProvider;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import dev.payeraccess.sandbox.control.SandboxControls;
import dev.payeraccess.sandbox.fhir.access.CallerGrant;
import dev.payeraccess.sandbox.fhir.records.SandboxRecords;
import dev.payeraccess.sandbox.fhir.records.VisibleRecords;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;

/**
 * Read, vread and search for one resource type over the records the caller's grant may see. Subclasses
 * only declare their type's search parameters; scoping to the caller happens here, in one place.
 */
public abstract class RecordProvider<T extends Resource> implements IResourceProvider {

    private final Class<T> type;
    private final String typeName;
    private final SandboxRecords records;
    private final Inclusions inclusions;

    RecordProvider(Class<T> type, SandboxRecords records, Inclusions inclusions) {
        this.type = type;
        this.typeName = type.getAnnotation(ResourceDef.class).name();
        this.records = records;
        this.inclusions = inclusions;
    }

    @Override
    public Class<T> getResourceType() {
        return type;
    }

    /**
     * Every record exists in version 1 only. Another member's record answers exactly like an id that
     * never existed, so callers cannot probe for other members' data.
     */
    @Read(version = true)
    public T read(@IdParam IdType id, RequestDetails request) {
        boolean knownVersion = !id.hasVersionIdPart() || "1".equals(id.getVersionIdPart());
        return visibleTo(request).find(typeName, id.getIdPart())
            .filter(found -> knownVersion)
            .map(found -> type.cast(found.copy()))
            .orElseThrow(() -> new ResourceNotFoundException(id));
    }

    final IBundleProvider search(RequestDetails request, SearchQuery<T> query) {
        return search(request, query, Optional.empty());
    }

    /** As {@link #search(RequestDetails, SearchQuery)}, the matches in {@code order} (else as the records are kept). */
    final IBundleProvider search(RequestDetails request, SearchQuery<T> query, Optional<Comparator<T>> order) {
        VisibleRecords visible = visibleTo(request);
        Stream<T> matching = visible.ofType(typeName).stream()
            .map(type::cast)
            .filter(query.criteria());
        List<Resource> matches = order.map(matching::sorted).orElse(matching)
            .map(Resource.class::cast)
            .toList();
        if (serverSidePaging(request)) {
            return new SimpleBundleProvider(new ArrayList<>(matches)); // HAPI keeps it and links ?_getpages=
        }
        List<Resource> page = query.window().slice(matches);
        List<Resource> included = inclusions.resolve(page, query.includes(), query.revIncludes(), visible);
        return new SearchPage(page, included, matches.size(), query.window());
    }

    private static boolean serverSidePaging(RequestDetails request) {
        return Boolean.TRUE.equals(request.getUserData().get(SandboxControls.SERVER_SIDE_PAGING));
    }

    final VisibleRecords visibleTo(RequestDetails request) {
        return records.visibleTo(CallerGrant.of(request));
    }
}
