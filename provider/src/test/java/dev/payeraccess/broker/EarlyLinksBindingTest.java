package dev.payeraccess.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.payeraccess.token.TokenBinding;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.keycloak.models.IdentityProviderModel;

/** What a plan records, on each save, that links stored before token binding belong to. */
class EarlyLinksBindingTest {

    private static final String BASE = "https://api.plan.example/r4";
    private static final String ELSEWHERE = "https://attacker.example/r4";

    @Nested
    @DisplayName("Given a plan that is being created")
    class Created {

        @Test
        void itRecordsItsOwnSettingsWhateverTheRequestSays() {
            PlanIdentityProviderConfig saved = plan(BASE);
            saved.recordEarlyLinks(EarlyLinksBinding.recordOf(plan(ELSEWHERE)));

            String record = EarlyLinksBinding.onSave(saved, Optional.empty(), () -> false);

            assertEquals(Optional.of(TokenBinding.of(plan(BASE).endpoints())), TokenBinding.fromRecord(record));
        }

        @Test
        void membersAlreadyLinkedToItsAliasBelongToNoneOfItsSettings() {
            String record = EarlyLinksBinding.onSave(plan(ELSEWHERE), Optional.empty(), () -> true);

            assertEquals(PlanIdentityProviderConfig.NO_EARLY_LINKS, record);
            assertEquals(Optional.empty(), TokenBinding.fromRecord(record));
        }

        @Test
        void aPlanWithoutAFhirBaseRecordsNoBinding() {
            assertEquals(PlanIdentityProviderConfig.NO_EARLY_LINKS,
                EarlyLinksBinding.recordOf(new PlanIdentityProviderConfig()));
        }
    }

    @Nested
    @DisplayName("Given a stored plan an administrator changes")
    class Changed {

        @Test
        void theRecordStaysWhatItWasWhateverTheRequestSays() {
            PlanIdentityProviderConfig stored = plan(BASE);
            stored.recordEarlyLinks(EarlyLinksBinding.recordOf(stored));
            PlanIdentityProviderConfig repointed = plan(ELSEWHERE);
            repointed.recordEarlyLinks(EarlyLinksBinding.recordOf(repointed));
            AtomicBoolean asked = new AtomicBoolean();

            String record = EarlyLinksBinding.onSave(repointed, Optional.of(stored), () -> asked.getAndSet(true));

            assertEquals(stored.earlyLinksRecord().orElseThrow(), record);
            assertFalse(asked.get(), "an update needs no look at the members' links");
        }

        @Test
        void aRecordOfNoneStaysNone() {
            PlanIdentityProviderConfig stored = plan(BASE);
            stored.recordEarlyLinks(PlanIdentityProviderConfig.NO_EARLY_LINKS);

            assertEquals(PlanIdentityProviderConfig.NO_EARLY_LINKS,
                EarlyLinksBinding.onSave(plan(BASE), Optional.of(stored), () -> false));
        }

        @Test
        void aPlanStoredWithoutARecordRecordsItsSettingsBeforeThisChange() {
            String record = EarlyLinksBinding.onSave(plan(ELSEWHERE), Optional.of(plan(BASE)), () -> false);

            assertEquals(Optional.of(TokenBinding.of(plan(BASE).endpoints())), TokenBinding.fromRecord(record));
        }
    }

    @Nested
    @DisplayName("Given the extension's first start after the upgrade")
    class FirstStart {

        @Test
        void eachPlanWithoutARecordRecordsItsSettingsNowAndOtherProvidersAndRecordedPlansAreLeftAlone() {
            PlanIdentityProviderConfig recorded = plan(BASE);
            recorded.setAlias("recorded");
            recorded.recordEarlyLinks(PlanIdentityProviderConfig.NO_EARLY_LINKS);
            IdentityProviderModel other = new IdentityProviderModel();
            other.setAlias("google");
            other.setProviderId("google");

            List<PlanIdentityProviderConfig> changed = EarlyLinksBinding.unrecorded(
                Stream.of(plan(BASE), recorded, other));

            assertEquals(List.of("plan"), changed.stream().map(IdentityProviderModel::getAlias).toList());
            assertEquals(Optional.of(TokenBinding.of(plan(BASE).endpoints())), changed.get(0).earlyLinksBinding());
        }
    }

    private static PlanIdentityProviderConfig plan(String fhirBase) {
        PlanIdentityProviderConfig plan = new PlanIdentityProviderConfig();
        plan.setAlias("plan");
        plan.setProviderId(PlanIdentityProviderFactory.PROVIDER_ID);
        plan.getConfig().put(PlanIdentityProviderConfig.FHIR_BASE_URL, fhirBase);
        plan.setTokenUrl("https://auth.plan.example/token");
        plan.setClientId("client-1");
        return plan;
    }
}
