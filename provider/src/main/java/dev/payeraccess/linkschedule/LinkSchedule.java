package dev.payeraccess.linkschedule;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.keycloak.provider.Provider;

/**
 * The link schedule of the session's transaction (see the package). Writes of a link's change go into the
 * transaction that changes the link; a link's first row is inserted in a transaction of its own, so two writers of
 * the same new row cannot fail the change of the link that raced them (the loser's values are written by the next
 * change, or by the background round).
 */
public interface LinkSchedule extends Provider {

    /** Writes the link's row: updated in this transaction when there is one, else inserted on its own. */
    void record(LinkKey key, LinkTimes times);

    /** Removes the link's row, in this transaction; nothing happens when there is none. */
    void remove(LinkKey key);

    Optional<ScheduledLink> find(LinkKey key);

    /** Links not needing a relink whose renew-by is at or before {@code by}, earliest first, at most {@code max}. */
    List<ScheduledLink> renewBy(Instant by, int max);

    /**
     * The rows of member {@code userId}'s links in realm {@code realmId}, one indexed query: what the reconnect prompt
     * reads at each sign-in, so it never opens a link.
     */
    List<ScheduledLink> ofUser(String realmId, String userId);

    /**
     * Links not needing a relink whose grant ends at or before {@code by} and whose ending was not yet announced
     * for that grant end ({@link #noteGrantEnding}), the earliest first, at most {@code max}.
     */
    List<ScheduledLink> grantsEndingBy(Instant by, int max);

    /**
     * Notes, in this transaction, that the ending of the link's grant at {@code endsAt} was announced.
     *
     * @return false when it was announced already or the grant's end has changed meanwhile (nothing to announce)
     */
    boolean noteGrantEnding(LinkKey key, Instant endsAt);

    /** The users of plan {@code alias} in realm {@code realmId} whose links have a row. */
    Set<String> usersWithRows(String realmId, String alias);

    /**
     * Marks that an app read through the link now, cheaply: at most once per mark interval per link on this node is
     * it written, in a short transaction of its own (a read's transaction lasts while the plan answers, and must not
     * hold the row a renewal of the same link writes); the other reads only look at a node-local mark.
     *
     * @return false when the link has no row yet, so the caller can write it; true otherwise
     */
    boolean appRead(LinkKey key, Instant now);

    @Override
    default void close() {
    }
}
