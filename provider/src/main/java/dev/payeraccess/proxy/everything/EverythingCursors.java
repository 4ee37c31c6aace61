package dev.payeraccess.proxy.everything;

import dev.payeraccess.fhir.FhirProblem;
import dev.payeraccess.fhir.FhirProblemException;
import dev.payeraccess.proxy.request.FhirRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The links of an emulated {@code $everything}: which type the emulation is at and where in that type's search,
 * carried by the next link and signed for the user, the plan, the patient and the app's parameters, so an app can
 * follow it but not change it.
 *
 * <p>The next link is the operation again with the app's parameters and
 * {@code payer-access-everything={Type}.{at}.{expires}.{mac}}: {@code at} is the plan's own next link of that type's
 * search, relative to the plan's FHIR base (base64url; empty for the type's first page), and {@code expires.mac} the
 * grant ({@link Grants}: the proxy's page grants, an hour long). Nothing is kept on the server, and the link stays as
 * short as the plan's own.
 */
public final class EverythingCursors {

    /** Signs and checks the facts of a cursor for the caller and the plan (the proxy's page grants). */
    public interface Grants {

        /** {@code {expires}.{mac}}; empty when nothing can be signed (the realm has no HMAC key). */
        Optional<String> grant(List<String> facts);

        /** @throws FhirProblemException 403 when {@code grant} was not signed for these facts here, or has expired */
        void verify(String grant, List<String> facts) throws FhirProblemException;
    }

    /**
     * Where the emulation is: the type being read and the plan's link to its next page ({@code ""} for its first).
     *
     * @param at relative to the plan's FHIR base ({@code ?...} or {@code /...}), or absolute at a paging host
     */
    public record Position(String type, String at) {
    }

    private static final Pattern TYPE = Pattern.compile("[A-Z][A-Za-z]{0,63}");
    private static final String KIND = "everything";

    private final Grants grants;
    private final String proxyBase;
    private final String planBase;

    /**
     * @param proxyBase the proxy's base for this plan
     * @param planBase the plan's FHIR base
     */
    public EverythingCursors(Grants grants, String proxyBase, String planBase) {
        this.grants = grants;
        this.proxyBase = proxyBase;
        this.planBase = planBase;
    }

    /** The kind of page grant a cursor is ({@code everything}): no grant of another kind opens it. */
    public static String kind() {
        return KIND;
    }

    /** The link to the page the app asked for, as it asked it (with its cursor, if any). */
    public String self(EverythingRequest asked) {
        String link = operation(asked);
        String query = asked.query();
        String cursor = asked.cursor().map(c -> EverythingRequest.CURSOR + "=" + c).orElse("");
        String all = query.isEmpty() ? cursor : cursor.isEmpty() ? query : query + "&" + cursor;
        return all.isEmpty() ? link : link + "?" + all;
    }

    /** The link to the page at {@code position}; empty when nothing can be signed. */
    public Optional<String> next(EverythingRequest asked, Position position) {
        String at = Base64.getUrlEncoder().withoutPadding().encodeToString(position.at().getBytes(
            StandardCharsets.UTF_8));
        return grants.grant(facts(asked, position)).map(grant -> {
            String query = asked.query();
            return operation(asked) + "?" + (query.isEmpty() ? "" : query + "&") + EverythingRequest.CURSOR + "="
                + position.type() + "." + at + "." + grant;
        });
    }

    /**
     * Where a later page starts, from its cursor.
     *
     * @throws FhirProblemException 403 when the cursor is malformed, was not signed here for this user, plan, patient
     *     and parameters, or has expired
     */
    public Position position(EverythingRequest asked, String cursor) throws FhirProblemException {
        String[] parts = cursor.split("\\.", 3);
        if (parts.length != 3 || !TYPE.matcher(parts[0]).matches()) {
            throw notIssued();
        }
        Position position;
        try {
            position = new Position(parts[0], new String(Base64.getUrlDecoder().decode(parts[1]),
                StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw notIssued();
        }
        grants.verify(parts[2], facts(asked, position));
        return position;
    }

    /**
     * The plan's next link of a type's search as a position's {@code at}: relative when on the plan's FHIR base (so
     * the link stays short), else as it is (a paging host; the plan call admits only those).
     */
    public String at(String planNextUrl) {
        boolean onBase = planNextUrl.startsWith(planBase + "/") || planNextUrl.startsWith(planBase + "?");
        return onBase ? planNextUrl.substring(planBase.length()) : planNextUrl;
    }

    /** The plan URL of {@code search} at a position's {@code at}: its first page when {@code at} is empty. */
    public String planUrl(TypeSearch search, String at) {
        if (at.isEmpty()) {
            return search.forwarded().planUrl(planBase);
        }
        return at.startsWith("/") || at.startsWith("?") ? planBase + at : at;
    }

    private String operation(EverythingRequest asked) {
        return proxyBase + "/Patient/" + asked.patientId() + "/" + FhirRequest.EVERYTHING;
    }

    private static List<String> facts(EverythingRequest asked, Position position) {
        return List.of(asked.patientId(), asked.query(), position.type(), position.at());
    }

    private static FhirProblemException notIssued() {
        return FhirProblem.forbidden("This page link was not issued by this proxy to this user for this plan. "
            + "Follow the Bundle's links exactly as the proxy returned them.").exception();
    }
}
