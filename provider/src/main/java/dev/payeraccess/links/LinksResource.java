package dev.payeraccess.links;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.payeraccess.api.ApiCors;
import dev.payeraccess.api.BearerCaller;
import dev.payeraccess.fhir.FhirProblem;
import dev.payeraccess.fhir.FhirProblemException;
import dev.payeraccess.fhir.ProblemResponses;
import dev.payeraccess.lifecycle.LifecycleChange;
import dev.payeraccess.lifecycle.LifecycleKind;
import dev.payeraccess.token.RevocationOutcome;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * {@code /realms/{realm}/payer-access/links}: the calling user's links to health plans, read and ended by
 * the user's apps with the user's own token. Another user's links are never reachable from here.
 */
public final class LinksResource {

    /**
     * The client scope an app's token needs to list the user's plans. Which plans a person belongs to is
     * health information, so an ordinary sign-in token ({@code openid}) does not reveal it.
     */
    public static final String READ_SCOPE = "payer-links:read";
    /** The client scope an app's token needs to unlink plans; it includes {@value #READ_SCOPE}. */
    public static final String MANAGE_SCOPE = "payer-links:manage";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KeycloakSession session;
    private final RealmModel realm;

    public LinksResource(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
    }

    /**
     * The caller's linked health plans: alias, display name, the member's Patient id at the plan, the
     * scopes the plan granted, when it was linked, the token state ({@code active}, {@code refreshable},
     * {@code relink-required}) and the URL that starts a (re)link. Never a token. Needs the client scope
     * {@value #READ_SCOPE} or {@value #MANAGE_SCOPE} in the token.
     *
     * @return 200 with a JSON array; 401 {@code OperationOutcome} without a valid bearer token of this realm,
     *     403 when the token has neither scope
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list() {
        BearerCaller caller;
        try {
            caller = BearerCaller.authenticate(session);
            ApiCors.forCaller(session, caller.token());
        } catch (FhirProblemException e) {
            ApiCors.forAnyone();
            return problems().of(e.problem());
        }
        if (!grants(caller, READ_SCOPE) && !grants(caller, MANAGE_SCOPE)) {
            return problems().of(FhirProblem.forbidden("Listing the user's health plans needs the client scope '"
                + READ_SCOPE + "' (or '" + MANAGE_SCOPE + "') in the access token; assign it to the app (Clients, "
                + "Client scopes) and request it."));
        }
        ArrayNode body = JSON.createArrayNode();
        new PlanLinks(session, realm).of(caller.user(), caller.client().getClientId())
            .forEach(link -> body.add(link.toJson(JSON)));
        return Response.ok(body.toString(), MediaType.APPLICATION_JSON).header("Cache-Control", "no-store").build();
    }

    /**
     * Unlinks one of the caller's plans: revokes the member's plan tokens at the revocation endpoint they
     * were obtained with (never one configured later; none when the plan had none), then removes the link. A plan that
     * fails or times out on revocation does
     * not keep the user linked: the link is removed and the failure reported. Needs the client scope
     * {@value #MANAGE_SCOPE} in the token, which read-only apps are not given.
     *
     * @return 200 {@code {"alias", "unlinked": true, "revocation": "revoked"|"failed"|"not-supported"|
     *     "nothing-stored", "revocationError"?}}; 401, 403 (scope missing), 404 (not linked) as
     *     {@code OperationOutcome}
     */
    @DELETE
    @Path("{alias}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response unlink(@PathParam("alias") String alias) {
        EventBuilder event = new EventBuilder(realm, session, session.getContext().getConnection())
            .event(EventType.REMOVE_FEDERATED_IDENTITY).detail(Details.IDENTITY_PROVIDER, shortened(alias));
        BearerCaller caller;
        try {
            caller = BearerCaller.authenticate(session);
        } catch (FhirProblemException e) {
            ApiCors.forAnyone(); // an anonymous refusal is no event: anyone could fill the event store with them
            return problems().of(e.problem());
        }
        try {
            ApiCors.forCaller(session, caller.token());
            event.user(caller.user()).client(caller.client()).session(caller.session());
            requireManageScope(caller);
            RevocationOutcome outcome = new PlanUnlinking(session, realm).unlink(caller.user(), alias)
                .orElseThrow(() -> FhirProblem.notLinked("The user has no link to a health plan '"
                    + shortened(alias) + "'. GET links lists the plans they linked.").exception());
            event.detail("revocation", outcome.status());
            outcome.detail().ifPresent(d -> event.detail("revocation_error", d));
            // The lifecycle event of this unlink (see LinkLifecycleListener, which leaves the event to this one).
            LifecycleChange.ofLink(LifecycleKind.UNLINKED, alias, caller.user().getId(), "unlinked", Optional.empty(),
                Instant.now(), Optional.empty()).details().forEach(event::detail);
            event.success();
            ObjectNode body = JSON.createObjectNode().put("alias", alias).put("unlinked", true)
                .put("revocation", outcome.status());
            outcome.detail().ifPresent(d -> body.put("revocationError", d));
            return Response.ok(body.toString(), MediaType.APPLICATION_JSON).header("Cache-Control", "no-store").build();
        } catch (FhirProblemException e) {
            event.error(e.problem().auditCode());
            return problems().of(e.problem());
        }
    }

    /** CORS preflight for browser apps. */
    @OPTIONS
    @Path("{path: .*}")
    public Response preflight() {
        return ApiCors.preflight();
    }

    private static void requireManageScope(BearerCaller caller) throws FhirProblemException {
        if (!grants(caller, MANAGE_SCOPE)) {
            throw FhirProblem.forbidden("Unlinking needs the client scope '" + MANAGE_SCOPE
                + "' in the access token; assign it to the app (Clients, Client scopes) and request it.").exception();
        }
    }

    private static boolean grants(BearerCaller caller, String scope) {
        return Arrays.asList(caller.scope().split(" ")).contains(scope);
    }

    /** What the caller put in the path, cut to an alias's length before it is echoed or recorded. */
    private static String shortened(String alias) {
        return alias.length() <= 64 ? alias : alias.substring(0, 64) + "...";
    }

    private ProblemResponses problems() {
        return new ProblemResponses(realm.getName());
    }
}
