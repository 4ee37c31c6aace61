package dev.payeraccess.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * An admin request this API refuses, answered as Keycloak's own admin API answers: the status and
 * {@code {"errorMessage": "..."}}, which the admin console shows as it is. The message names what to fix and
 * never carries a secret.
 */
public final class AdminRefusal extends Exception {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Response.Status status;

    private AdminRefusal(Response.Status status, String message) {
        // A refusal is an answer, not a fault: no stack trace to fill.
        super(message, null, false, false);
        this.status = status;
    }

    public static AdminRefusal badRequest(String message) {
        return new AdminRefusal(Response.Status.BAD_REQUEST, message);
    }

    public static AdminRefusal notFound(String message) {
        return new AdminRefusal(Response.Status.NOT_FOUND, message);
    }

    public static AdminRefusal conflict(String message) {
        return new AdminRefusal(Response.Status.CONFLICT, message);
    }

    public Response response() {
        String body = JSON.createObjectNode().put("errorMessage", getMessage()).toString();
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body)
            .header("Cache-Control", "no-store").build();
    }
}
