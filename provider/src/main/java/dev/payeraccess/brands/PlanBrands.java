package dev.payeraccess.brands;

import dev.payeraccess.api.PublicUrls;
import dev.payeraccess.broker.PlanIdentityProviderConfig;
import dev.payeraccess.broker.RealmPlans;
import java.util.List;
import java.util.Optional;
import org.keycloak.models.KeycloakSession;

/** The realm's plans as brands: what each plan tells members about itself, and the brand it was imported from. */
public final class PlanBrands {

    private PlanBrands() {
    }

    /**
     * The realm's enabled plans: a disabled plan is offered to no member, so it is listed nowhere. A plan made in the
     * admin console, not imported, is its own brand: identified by its alias in this realm's plan directory
     * ({@code {directory URL}|{alias}}), so importing the Bundle elsewhere names it the same.
     */
    public static List<ListedPlan> enabled(KeycloakSession session) {
        String directory = new PublicUrls(session).payers();
        return RealmPlans.enabledPlans(session).stream().filter(plan -> plan.fhirBaseUrl().isPresent())
            .map(plan -> new ListedPlan(plan.getAlias(), of(plan, directory))).toList();
    }

    static BrandedPlan of(PlanIdentityProviderConfig plan, String directory) {
        BrandIdentifier brand = plan.brandIdentifier().map(BrandIdentifier::ofToken)
            .orElseGet(() -> new BrandIdentifier(Optional.of(directory), plan.getAlias()));
        return new BrandedPlan(brand, plan.fhirBaseUrl().orElseThrow(), Optional.of(RealmPlans.displayName(plan)),
            plan.logoUrl(), plan.planDescription());
    }
}
