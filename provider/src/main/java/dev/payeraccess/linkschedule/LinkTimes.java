package dev.payeraccess.linkschedule;

import java.time.Instant;
import java.util.Optional;

/**
 * What a link's change tells the schedule: when the member linked, when the link should be renewed so its refresh
 * token does not lapse unused (empty when renewing ahead cannot help: no refresh token, a plan whose refresh tokens do
 * not outlive use, no known idle lifetime), when the member's grant ends, the link's state and why it needs
 * reconnecting.
 *
 * @param state the links API's word for the link's tokens as of the change ({@code active}, {@code refreshable},
 *     {@code relink-required})
 */
public record LinkTimes(Optional<Instant> linkedAt, Optional<Instant> renewBy, Optional<Instant> grantEndsAt,
                        String state, Optional<String> relinkReason) {

    /** The state of a link that needs reconnecting; such links are never renewed ahead. */
    public static final String RELINK_REQUIRED = "relink-required";
}
