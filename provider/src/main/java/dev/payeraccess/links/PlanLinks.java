package dev.payeraccess.links;

import dev.payeraccess.api.PublicUrls;
import dev.payeraccess.broker.PlanIdentityProviderConfig;
import dev.payeraccess.broker.RealmPlans;
import dev.payeraccess.plan.PlanProfile;
import dev.payeraccess.token.LinkStore;
import dev.payeraccess.token.MemberLink;
import dev.payeraccess.token.StoredPlanToken;
import dev.payeraccess.token.TokenState;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.keycloak.models.FederatedIdentityModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** A user's links to health plans (identity providers of type {@code payer}), read from Keycloak's store. */
public final class PlanLinks {

    private final KeycloakSession session;
    private final RealmModel realm;

    public PlanLinks(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /**
     * @param clientId the calling app, whose client id goes into each link's relink URL
     */
    public List<PlanLink> of(UserModel user, String clientId) {
        LinkStore store = new LinkStore(session, realm);
        Instant now = Instant.now();
        return session.users().getFederatedIdentitiesStream(realm, user)
            .map(identity -> describe(identity, store, clientId, now))
            .flatMap(Optional::stream)
            .toList();
    }

    private Optional<PlanLink> describe(FederatedIdentityModel identity, LinkStore store, String clientId,
                                         Instant now) {
        Optional<PlanIdentityProviderConfig> found = RealmPlans.byAlias(session, identity.getIdentityProvider());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        PlanIdentityProviderConfig plan = found.get();
        MemberLink link = store.read(identity, plan.endpoints(), plan.earlyLinksBinding());
        Optional<StoredPlanToken> stored = link.readable();
        List<String> scopes = stored.map(s -> Arrays.stream(s.scope().split(" ")).filter(v -> !v.isBlank()).toList())
            .orElse(List.of());
        String name = RealmPlans.displayName(plan);
        PlanProfile profile = plan.profile();
        // Tokens obtained for other plan settings are never sent, so such a link needs a relink (MemberLink).
        TokenState state = TokenState.of(link.usable(), now, profile);
        return Optional.of(new PlanLink(plan.getAlias(), name, identity.getUserId(), scopes,
            stored.map(StoredPlanToken::linkedAt),
                stored.flatMap(s -> s.authorizationEndsAt(profile.maxAuthorization())),
            state, new PublicUrls(session).link(plan.getAlias(), clientId)));
    }
}
