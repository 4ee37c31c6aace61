package dev.payeraccess.proxy.paging;

import dev.payeraccess.proxy.request.FhirRequest;
import dev.payeraccess.proxy.request.SearchParameter;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * The next link of a searchset at a plan that pages by an offset parameter and sends no usable {@code next} link
 * of its own ({@code pagingMode=offset}): the app's search on the proxy with the offset moved past this page,
 * {@code {proxyBase}/{Type}?{the app's parameters but the offset}&{parameter}={offset + matches}} (spelled by
 * {@link PageLinkGrammar}). Following it is an ordinary search, checked like the first.
 *
 * @param search the app's search on the proxy without the offset parameter, e.g. {@code {proxyBase}/Coverage?_count=10}
 * @param parameter the plan's offset parameter, e.g. {@code startIndex}
 * @param offset the offset of the page at hand; empty when the app sent one that is not a count
 */
public record OffsetPaging(String search, String parameter, OptionalLong offset) {

    /**
     * @param request the search as the app sent it (before it was pinned to the linked patient: the next page
     *     is pinned again); values on the plan's base are moved back onto the proxy's
     */
    static OffsetPaging of(String proxyBase, String planBase, FhirRequest request, String parameter) {
        List<SearchParameter> kept = request.parameters().stream().filter(p -> !p.name().equals(parameter))
            .map(p -> p.value().startsWith(planBase + "/")
                ? new SearchParameter(p.name(), proxyBase + p.value().substring(planBase.length())) : p)
            .toList();
        String search = proxyBase + "/" + request.type().orElseThrow()
            + (kept.isEmpty() ? "" : "?"
                + kept.stream().map(SearchParameter::encoded).collect(Collectors.joining("&")));
        return new OffsetPaging(search, parameter, currentOffset(request, parameter));
    }

    /**
     * The next page's link: only after a page with matches (an empty page ends the search, whatever the plan
     * says of its total) and while the plan's {@code Bundle.total}, when it sends one, is not reached.
     *
     * @param matches the entries of this page that matched the search (not those added by {@code _include})
     */
    public Optional<String> next(int matches, OptionalLong total) {
        if (offset.isEmpty() || matches <= 0) {
            return Optional.empty();
        }
        long next = offset.getAsLong() + matches;
        if (total.isPresent() && next >= total.getAsLong()) {
            return Optional.empty();
        }
        return Optional.of(PageLinkGrammar.offsetNext(search, parameter, next));
    }

    /** 0 without the parameter; the last value when the app repeated it (as the plan would likely read it). */
    private static OptionalLong currentOffset(FhirRequest request, String parameter) {
        List<String> values = request.parameters().stream().filter(p -> p.name().equals(parameter))
            .map(SearchParameter::value).toList();
        if (values.isEmpty()) {
            return OptionalLong.of(0);
        }
        String value = values.get(values.size() - 1);
        if (!value.matches("[0-9]{1,12}")) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(value));
    }
}
