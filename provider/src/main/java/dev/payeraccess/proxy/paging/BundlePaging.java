package dev.payeraccess.proxy.paging;

import dev.payeraccess.plan.PagingMode;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * What becomes of the page links in one answer, beyond moving URLs on the plan's FHIR base onto the proxy's. A page
 * link on the proxy's base ({@code {proxyBase}?...}) goes through {@code pageLinks}, which adds the caller's grant.
 * A Bundle link to anywhere else is handed to {@code elsewhere}: at one of the plan's paging hosts it becomes the
 * proxy's own page link, and any other is left out of the Bundle and its host reported to {@code leftOut} (the
 * origin only: a path or query may carry a member's data).
 *
 * @param pageLinks applied to every page link on the proxy's base, to add the caller's page grant
 * @param elsewhere the proxy's link for an absolute URL that is not on the plan's FHIR base; empty to leave it out
 * @param leftOut told the origin ({@code https://host:port}) of each link left out
 * @param mode with {@link PagingMode#OFFSET}, the plan's own {@code next} links are left out
 * @param offset the next link the proxy writes itself, for a search at a plan with {@link PagingMode#OFFSET}
 * @param searchLinks applied to every other Bundle link that stays on the proxy's base (a plan's {@code next} link that
 *     repeats its search on the type, {@code {proxyBase}/{Type}?...&_offset=10}, or a relative one), after it was
 *     moved there: what the proxy itself answers of the app's search must go on to the next page too
 */
public record BundlePaging(UnaryOperator<String> pageLinks, Function<String, Optional<String>> elsewhere,
                           Consumer<String> leftOut, PagingMode mode, Optional<OffsetPaging> offset,
                           UnaryOperator<String> searchLinks) {

    public BundlePaging {
        Objects.requireNonNull(pageLinks, "pageLinks");
        Objects.requireNonNull(searchLinks, "searchLinks");
        Objects.requireNonNull(elsewhere, "elsewhere");
        Objects.requireNonNull(leftOut, "leftOut");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(offset, "offset");
    }

    /** Search links as the plan wrote them, moved onto the proxy's base. */
    public BundlePaging(UnaryOperator<String> pageLinks, Function<String, Optional<String>> elsewhere,
                        Consumer<String> leftOut, PagingMode mode, Optional<OffsetPaging> offset) {
        this(pageLinks, elsewhere, leftOut, mode, offset, UnaryOperator.identity());
    }

    /** Next links followed as the plan wrote them, on its FHIR base only: a link elsewhere is left out. */
    public static BundlePaging onPlanBaseOnly(UnaryOperator<String> pageLinks) {
        return new BundlePaging(pageLinks, url -> Optional.empty(), host -> { }, PagingMode.NEXT_LINKS,
            Optional.empty());
    }
}
