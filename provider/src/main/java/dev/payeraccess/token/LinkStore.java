package dev.payeraccess.token;

import dev.payeraccess.linkschedule.LinkKey;
import dev.payeraccess.linkschedule.LinkSchedule;
import dev.payeraccess.plan.PlanEndpoints;
import dev.payeraccess.plan.PlanProfile;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.models.FederatedIdentityModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Where a plan's tokens live: encrypted on the member's federated identity link (Keycloak's
 * {@code FederatedIdentityModel.token}). The one class that reads that field and opens it, answering in the
 * words of {@link MemberLink}, and the one that writes it: on the identity a new link is made from, and on an
 * existing link when its tokens are renewed, bound or cleared. Each change of a link's tokens writes its row of the
 * link schedule ({@link LinkSchedule}) in the same transaction.
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
        return find(user, plan, TokenBinding.of(plan), earlyLinks);
    }

    /** As above, with the plan's binding as the caller already worked it out ({@link TokenBinding#of}). */
    public MemberLink find(UserModel user, PlanEndpoints plan, TokenBinding current,
                           Optional<TokenBinding> earlyLinks) {
        return of(Optional.ofNullable(session.users().getFederatedIdentity(realm, user, plan.alias())),
            cipher::decrypt, current, earlyLinks);
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
     * @param profile the plan's profile, for the link's row in the schedule
     * @param because why the link needs reconnecting when {@code replacement} is empty
     * @return whether the replacement is what the link holds now
     */
    boolean replace(UserModel user, PlanEndpoints plan, PlanProfile profile, String expected,
                    Optional<StoredPlanToken> replacement, RelinkReason because) {
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
            MemberLink now = replacement.<MemberLink>map(MemberLink.Usable::new).orElseGet(MemberLink.Unreadable::new);
            schedule().record(key(user, plan), LinkTiming.of(now, profile, Instant.now(), Optional.of(because)));
            LinkLifecycle.tokensReplaced(session, realm, user, plan.alias(),
                read(link, plan, Optional.empty()).readable(), replacement);
        }
        return stored;
    }

    /**
     * Writes the link's row of the link schedule as the link is now, in this transaction (or removes it when the
     * user has no link): for a link just made at the broker, and for links stored before the schedule existed.
     */
    public void schedule(UserModel user, PlanEndpoints plan, PlanProfile profile, Optional<TokenBinding> earlyLinks) {
        MemberLink link = find(user, plan, earlyLinks);
        if (link instanceof MemberLink.NotLinked) {
            schedule().remove(key(user, plan));
        } else {
            schedule().record(key(user, plan), LinkTiming.of(link, profile, Instant.now(), Optional.empty()));
        }
    }

    /**
     * Writes the schedule row of the link Keycloak's broker just made or updated from {@code identity} (the member's
     * id at the plan is the link's user id), in the broker's transaction.
     */
    public void linked(BrokeredIdentityContext identity, PlanEndpoints plan, PlanProfile profile) {
        UserModel user = session.users().getUserByFederatedIdentity(realm,
            new FederatedIdentityModel(plan.alias(), identity.getId(), identity.getUsername()));
        if (user != null) {
            schedule(user, plan, profile, Optional.empty()); // a link made now is bound
        }
    }

    /** Removes the row of a link being removed, in this transaction. */
    public void unscheduled(UserModel user, String alias) {
        schedule().remove(new LinkKey(realm.getId(), alias, user.getId()));
    }

    /**
     * Marks an app's read through the link (cheaply, see {@link LinkSchedule#appRead}); a link without a row yet (one
     * stored before the schedule existed) gets its row now.
     */
    public void appRead(UserModel user, PlanEndpoints plan, PlanProfile profile, Optional<TokenBinding> earlyLinks) {
        if (schedule().appRead(key(user, plan), Instant.now())) {
            return;
        }
        // In a transaction of its own, like the mark: the read's transaction must not hold the row while the plan
        // answers.
        String realmId = realm.getId();
        String userId = user.getId();
        KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), s -> {
            RealmModel ownRealm = s.realms().getRealm(realmId);
            s.getContext().setRealm(ownRealm);
            UserModel member = s.users().getUserById(ownRealm, userId);
            if (member != null) {
                new LinkStore(s, ownRealm).schedule(member, plan, profile, earlyLinks);
            }
        });
    }

    private LinkKey key(UserModel user, PlanEndpoints plan) {
        return new LinkKey(realm.getId(), plan.alias(), user.getId());
    }

    private LinkSchedule schedule() {
        return session.getProvider(LinkSchedule.class);
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
