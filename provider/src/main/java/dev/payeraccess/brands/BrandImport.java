package dev.payeraccess.brands;

import dev.payeraccess.api.AdminRefusal;
import dev.payeraccess.broker.PlanIdentityProviderConfig;
import dev.payeraccess.broker.PlanIdentityProviderFactory;
import dev.payeraccess.broker.PlanStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Adds the (brand, endpoint) pairs of a Brands Bundle to the realm as plans, or brings the realm's plans up to
 * date with them. A pair is the plan whose FHIR base it is (the endpoint address recorded when the import created
 * the plan, or the plan's FHIR base URL), whatever its alias. A new plan is created disabled, named after its
 * brand ({@link BrandAliases}), waiting for the client id and secret the plan registers; an existing plan gets
 * the brand's name, logo and description when they changed, and keeps its credentials, its enabled state, its
 * profile settings and whatever the Bundle leaves out.
 */
public final class BrandImport {

    private final KeycloakSession session;
    private final PlanStore store;

    public BrandImport(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.store = new PlanStore(session, realm);
    }

    public BrandImportReport apply(BrandsBundle bundle) {
        List<PlanIdentityProviderConfig> plans = realmPlans();
        List<ImportedPlan> imported = new ArrayList<>();
        List<RefusedEntry> refused = new ArrayList<>(bundle.refused());
        for (BrandEndpoint pair : bundle.endpoints()) {
            try {
                Optional<PlanIdentityProviderConfig> plan = planOf(pair.plan(), plans);
                imported.add(plan.isPresent() ? update(plan.get(), pair) : create(pair));
            } catch (AdminRefusal refusal) {
                refused.add(new RefusedEntry(pair.source(), pair.plan().displayName(),
                    Optional.of(pair.plan().address()),
                    refusal.getMessage()));
            }
        }
        return new BrandImportReport(imported, refused);
    }

    /** Every plan of the realm, each the store's model copied (see {@code RealmPlans}). */
    private List<PlanIdentityProviderConfig> realmPlans() {
        return session.identityProviders().getAllStream()
            .filter(model -> PlanIdentityProviderFactory.PROVIDER_ID.equals(model.getProviderId()))
            .map(PlanIdentityProviderConfig::new).toList();
    }

    /**
     * The plan of the pair's endpoint: one the import created for that address first (and of the same brand before
     * another), else a plan with that FHIR base, e.g. one made by hand before the Bundle was imported.
     */
    static Optional<PlanIdentityProviderConfig> planOf(BrandedPlan brand, List<PlanIdentityProviderConfig> plans) {
        Comparator<PlanIdentityProviderConfig> preferred = Comparator
            .comparing((PlanIdentityProviderConfig plan) -> !plan.brandEndpoint().filter(brand.address()::equals)
                .isPresent())
            .thenComparing(plan -> !plan.brandIdentifier().filter(brand.brand().token()::equals).isPresent())
            .thenComparing(PlanIdentityProviderConfig::getAlias);
        return plans.stream()
            .filter(plan -> plan.brandEndpoint().filter(brand.address()::equals).isPresent()
                || plan.fhirBaseUrl().filter(brand.address()::equals).isPresent())
            .min(preferred);
    }

    private ImportedPlan create(BrandEndpoint pair) throws AdminRefusal {
        BrandedPlan brand = pair.plan();
        PlanIdentityProviderConfig plan = new PlanIdentityProviderConfig();
        plan.setAlias(BrandAliases.unique(BrandAliases.base(brand.brand()),
            alias -> session.identityProviders().getByAlias(alias) != null));
        plan.setProviderId(PlanIdentityProviderFactory.PROVIDER_ID);
        plan.setDisplayName(brand.displayName().orElse(null));
        // A brand carries no credentials: nothing may call the plan before the administrator enters them and enables
        // it, a save that requires the client id and discovers the endpoints (PlanConfigValidation).
        plan.setEnabled(false);
        plan.getConfig().put(PlanIdentityProviderConfig.FHIR_BASE_URL, brand.address());
        brand.logoUrl().ifPresent(url -> plan.getConfig().put(PlanIdentityProviderConfig.LOGO_URL, url));
        brand.description().ifPresent(text -> plan.getConfig().put(PlanIdentityProviderConfig.PLAN_DESCRIPTION, text));
        plan.getConfig().put(PlanIdentityProviderConfig.BRAND_IDENTIFIER, brand.brand().token());
        plan.getConfig().put(PlanIdentityProviderConfig.BRAND_ENDPOINT, brand.address());
        store.create(plan);
        return new ImportedPlan(ImportedPlan.Outcome.CREATED, plan.getAlias(), pair, false, List.of());
    }

    private ImportedPlan update(PlanIdentityProviderConfig plan, BrandEndpoint pair) throws AdminRefusal {
        BrandedPlan brand = pair.plan();
        List<String> changed = new ArrayList<>();
        brand.displayName().filter(name -> !name.equals(plan.getDisplayName())).ifPresent(name -> {
            plan.setDisplayName(name);
            changed.add("displayName");
        });
        brand.logoUrl().ifPresent(url -> setting(plan, PlanIdentityProviderConfig.LOGO_URL, url, changed));
        brand.description().ifPresent(text -> setting(plan, PlanIdentityProviderConfig.PLAN_DESCRIPTION, text,
            changed));
        if (changed.isEmpty()) {
            return new ImportedPlan(ImportedPlan.Outcome.UNCHANGED, plan.getAlias(), pair, plan.isEnabled(), changed);
        }
        store.update(plan);
        return new ImportedPlan(ImportedPlan.Outcome.UPDATED, plan.getAlias(), pair, plan.isEnabled(), changed);
    }

    private static void setting(PlanIdentityProviderConfig plan, String key, String value, List<String> changed) {
        if (!Objects.equals(plan.getConfig().get(key), value)) {
            plan.getConfig().put(key, value);
            changed.add(key);
        }
    }
}
