package dev.payeraccess.sandbox.fhir.rest;

import ca.uhn.fhir.model.api.ResourceMetadataKeyEnum;
import ca.uhn.fhir.model.valueset.BundleEntrySearchModeEnum;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Resource;

/**
 * One page of a search result, as HAPI's plain server turns it into a searchset Bundle.
 *
 * <p>By reporting its own offset and page size (and non-blank next/previous "page ids" as mere flags),
 * the page makes HAPI build {@code next}/{@code previous} links as type-level search URLs with
 * {@code _offset}/{@code _count} instead of {@code _getpages} links into a server-side cache.
 */
final class SearchPage implements IBundleProvider {

    private final List<IBaseResource> entries = new ArrayList<>();
    private final int total;
    private final PageWindow window;
    private final InstantType published = InstantType.now();

    /**
     * @param matches the page's matches; copied, so marking search modes never touches shared records
     * @param included resources pulled in by {@code _include}/{@code _revinclude}; copied likewise
     * @param total how many resources match the search across all pages
     */
    SearchPage(List<Resource> matches, List<Resource> included, int total, PageWindow window) {
        matches.forEach(r -> entries.add(marked(r, BundleEntrySearchModeEnum.MATCH)));
        included.forEach(r -> entries.add(marked(r, BundleEntrySearchModeEnum.INCLUDE)));
        this.total = total;
        this.window = window;
    }

    private static Resource marked(Resource shared, BundleEntrySearchModeEnum mode) {
        Resource copy = shared.copy();
        ResourceMetadataKeyEnum.ENTRY_SEARCH_MODE.put(copy, mode);
        return copy;
    }

    @Override
    public List<IBaseResource> getResources(int fromIndex, int toIndex) {
        int from = Math.max(0, Math.min(fromIndex, entries.size()));
        return List.copyOf(entries.subList(from, Math.max(from, Math.min(toIndex, entries.size()))));
    }

    @Override
    public Integer getCurrentPageOffset() {
        return window.offset();
    }

    @Override
    public Integer getCurrentPageSize() {
        return window.size();
    }

    @Override
    public String getNextPageId() {
        return window.hasNext(total) ? "next" : null;
    }

    @Override
    public String getPreviousPageId() {
        return window.hasPrevious() ? "previous" : null;
    }

    @Override
    public IPrimitiveType<java.util.Date> getPublished() {
        return published;
    }

    @Override
    public String getUuid() {
        return null;
    }

    @Override
    public Integer preferredPageSize() {
        return window.size();
    }

    @Override
    public Integer size() {
        return total;
    }
}
