package dev.payeraccess.links;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.payeraccess.token.RelinkReason;
import dev.payeraccess.token.TokenState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One of the caller's linked plans as the links API shows it. Never carries a token.
 *
 * @param expiresAt when the member's authorization (the grant) ends, for plans that limit how long one lasts
 * @param relinkReason why the member must connect the plan again, when {@code tokenState} is {@code relink-required}
 * @param linkUrl starts a (re)link of this plan for the calling app; the app appends its {@code redirect_uri}
 */
public record PlanLink(String alias, String displayName, String patientId, List<String> grantedScopes,
                        Optional<Instant> linkedAt, Optional<Instant> expiresAt, TokenState tokenState,
                        Optional<RelinkReason> relinkReason, String linkUrl) {

    public ObjectNode toJson(ObjectMapper json) {
        ObjectNode node = json.createObjectNode()
            .put("alias", alias)
            .put("displayName", displayName)
            .put("patientId", patientId);
        grantedScopes.forEach(node.putArray("grantedScopes")::add);
        linkedAt.ifPresent(t -> node.put("linkedAt", t.toString()));
        expiresAt.ifPresent(t -> node.put("expiresAt", t.toString()));
        node.put("tokenState", tokenState.wireName());
        relinkReason.ifPresent(reason -> node.put("relinkReason", reason.wireName()));
        return node.put("linkUrl", linkUrl);
    }
}
