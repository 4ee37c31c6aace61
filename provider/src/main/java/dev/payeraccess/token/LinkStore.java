package dev.payeraccess.token;

import dev.payeraccess.plan.PlanEndpoints;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.models.FederatedIdentityModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Where a plan's tokens live: encrypted on the member's federated identity link (Keycloak's
 * {@code FederatedIdentityModel.token}). The one class that reads that field and opens it, answering in the
 * words of {@link MemberLink}, and the one that writes it: on the identity a new link is made from, and on an
 * existing link when its tokens are renewed, bound or cleared.
 *
 * <p>Works in the session and transaction it is given; {@link StoredLinks} gives it transactions of their own.
 */
public final class LinkStore {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final StoredTokenCipher cipher;

    public LinkStore(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.cipher = new StoredTokenCipher(session, realm);
    }

    /**
     * The member's link to {@code plan}, judged against the plan's settings now.
     *
     * @param earlyLinks what the plan recorded that links stored before tokens were bound belong to (see
     *     {@link StoredPlanToken#orBoundTo}); empty when it recorded nothing
     */
    public MemberLink find(UserModel user, PlanEndpoints plan, Optional<TokenBinding> earlyLinks) {
        return read(Optional.ofNullable(session.users().getFederatedIdentity(realm, user, plan.alias())), plan,
            earlyLinks);
    }

    /**
     * A link the caller already holds: one of those Keycloak lists for a user, or one it is removing.
     *
     * @param plan the plan the link is to, as configured now
     * @param earlyLinks as for {@link #find}
     */
    public MemberLink read(FederatedIdentityModel link, PlanEndpoints plan, Optional<TokenBinding> earlyLinks) {
        return read(Optional.of(link), plan, earlyLinks);
    }

    /**
     * Puts the member's tokens on the identity a link is about to be made from: Keycloak's broker stores the
     * identity's token on the new link as it is ({@code storeToken} is always on for this provider).
     */
    public void carry(BrokeredIdentityContext identity, StoredPlanToken tokens) {
        identity.setToken(cipher.encrypt(tokens));
    }

    /** The tokens {@link #carry} put on {@code identity}, e.g. to revoke them when no link will hold them. */
    public Optional<StoredPlanToken> carried(BrokeredIdentityContext identity) {
        return Optional.ofNullable(identity.getToken()).filter(text -> !text.isBlank()).flatMap(cipher::decrypt);
    }

    /**
     * Stores {@code replacement} on the member's link (or clears its tokens when empty) if the link still holds the
     * access token {@code expected}: a compare-and-set, so a renewal never overwrites a newer renewal, a relink or
     * an unlink.
     *
     * @return whether the replacement is what the link holds now
     */
    boolean replace(UserModel user, PlanEndpoints plan, String expected, Optional<StoredPlanToken> replacement) {
        FederatedIdentityModel link = session.users().getFederatedIdentity(realm, user, plan.alias());
        boolean holdsExpected = link != null
            && read(link, plan, Optional.empty()).readable().map(t -> t.accessToken().equals(expected))
                .orElse(false);
        if (!holdsExpected) {
            return false;
        }
        String token = replacement.map(cipher::encrypt).orElse(null);
        session.users().updateFederatedIdentity(realm, user,
            new FederatedIdentityModel(plan.alias(), link.getUserId(), link.getUserName(), token));
        // Keycloak 26's JPA store locks the link's row for the update and silently skips it when the row is
        // gone, e.g. an unlink that committed after the read above. Reading the link again under that lock
        // tells a stored token from a skipped one.
        FederatedIdentityModel after = session.users().getFederatedIdentity(realm, user, plan.alias());
        boolean stored = after != null && Objects.equals(after.getToken(), token);
        if (stored) {
            LinkLifecycle.tokensReplaced(session, realm, user, plan.alias(),
                read(link, plan, Optional.empty()).readable(), replacement);
        }
        return stored;
    }

    private MemberLink read(Optional<FederatedIdentityModel> link, PlanEndpoints plan,
                            Optional<TokenBinding> earlyLinks) {
        return of(link, cipher::decrypt, TokenBinding.of(plan), earlyLinks);
    }

    /**
     * What a member's link amounts to; no session needed. A link without text (its tokens were cleared) and one
     * whose text does not open are alike unreadable; a failure of {@code open} itself propagates.
     *
     * @param open the link's tokens from its stored text; empty only when the text cannot be opened
     * @param current the binding of the plan as configured now
     * @param earlyLinks what the plan recorded that links stored before binding belong to; empty when nothing
     */
    static MemberLink of(Optional<FederatedIdentityModel> link, Function<String, Optional<StoredPlanToken>> open,
                         TokenBinding current, Optional<TokenBinding> earlyLinks) {
        if (link.isEmpty()) {
            return new MemberLink.NotLinked();
        }
        Optional<StoredPlanToken> opened = Optional.ofNullable(link.get().getToken())
            .filter(text -> !text.isBlank()).flatMap(open).map(stored -> stored.orBoundTo(earlyLinks));
        if (opened.isEmpty()) {
            return new MemberLink.Unreadable();
        }
        return opened.get().usableWith(current) ? new MemberLink.Usable(opened.get())
            : new MemberLink.ObtainedForOtherSettings(opened.get());
    }
}
