package dev.payeraccess.sandbox.oauth;

import dev.payeraccess.sandbox.PlanUrls;
import dev.payeraccess.sandbox.Track;
import dev.payeraccess.sandbox.control.SandboxControls;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /oauth2/authorize/{system-id}}: GET checks the request and shows the member verification
 * page; the page posts back here to verify the member (a code goes to the app) or deny
 * ({@code error=access_denied}).
 */
public final class AuthorizeServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient AuthorizationRequests requests;
    private final transient MemberVerification verification = new MemberVerification();
    private final transient Grants grants;

    public AuthorizeServlet(RegisteredClients clients, Grants grants, SandboxControls controls) {
        this.requests = new AuthorizationRequests(clients, controls);
        this.grants = grants;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Optional<Track> track = track(req);
        if (track.isEmpty()) {
            page(resp, 404, VerificationPage.error("Unknown system id in " + req.getRequestURI()
                + ". This plan authorizes at /oauth2/authorize/{test|payer2payer|digitalinsurance|demoplan}."));
            return;
        }
        AuthorizeDecision decision = requests.check(track.get(), singleValues(req), PlanUrls.of(req).fhirBase());
        if (decision instanceof AuthorizeDecision.Refuse refuse) {
            page(resp, 400, VerificationPage.error(refuse.message()));
        } else if (decision instanceof AuthorizeDecision.RedirectError e) {
            redirect(resp, e.redirectUri(), errorParams(e.error(), e.description(), e.state()));
        } else if (decision instanceof AuthorizeDecision.Verify verify) {
            page(resp, 200, VerificationPage.render(grants.hold(verify.request()), req.getRequestURI(),
                Optional.empty(), Map.of()));
        }
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Optional<PendingAuthorization> held = grants.pending(req.getParameter("request_id"));
        if (held.isEmpty()) {
            page(resp, 400, VerificationPage.error(
                "This verification page expired or was already used. Go back to the app and connect again."));
            return;
        }
        AuthorizationRequest request = held.get().request();
        if ("deny".equals(req.getParameter("action"))) {
            grants.forget(held.get());
            redirect(resp, request.redirectUri(),
                errorParams("access_denied", "The member denied the request.", request.state()));
            return;
        }
        Map<String, String> form = singleValues(req);
        MemberVerification.Result result = verification.verify(form);
        if (result instanceof MemberVerification.Result.Rejected rejected) {
            page(resp, 200, VerificationPage.render(held.get(), req.getRequestURI(),
                Optional.of(rejected.message()), form));
            return;
        }
        MemberVerification.Result.Verified verified = (MemberVerification.Result.Verified) result;
        grants.forget(held.get());
        MemberConsent consent = new MemberConsent(verified.member(), verified.email(), request.track(),
            request.client(), request.scopes());
        String code = grants.issueCode(consent, request.redirectUri(), request.codeChallenge());
        Map<String, String> params = new LinkedHashMap<>();
        params.put("code", code);
        request.state().ifPresent(s -> params.put("state", s));
        redirect(resp, request.redirectUri(), params);
    }

    private static Optional<Track> track(HttpServletRequest req) {
        String path = req.getPathInfo();
        return path == null ? Optional.empty() : Track.bySystemId(path.substring(1));
    }

    private static Map<String, String> singleValues(HttpServletRequest req) {
        Map<String, String> values = new HashMap<>();
        req.getParameterMap().forEach((name, v) -> values.put(name, v.length == 0 ? "" : v[0]));
        return values;
    }

    private static Map<String, String> errorParams(String error, String description, Optional<String> state) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("error", error);
        params.put("error_description", description);
        state.ifPresent(s -> params.put("state", s));
        return params;
    }

    private static void redirect(HttpServletResponse resp, String redirectUri, Map<String, String> params) {
        StringBuilder location = new StringBuilder(redirectUri).append(redirectUri.contains("?") ? '&' : '?');
        params.forEach((k, v) -> location.append(k).append('=')
            .append(URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&'));
        location.setLength(location.length() - 1);
        resp.setStatus(302);
        resp.setHeader("Location", location.toString());
        resp.setHeader("Cache-Control", "no-store");
    }

    private static void page(HttpServletResponse resp, int status, String html) throws IOException {
        resp.setStatus(status);
        resp.setContentType("text/html;charset=utf-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.getWriter().write(html);
    }
}
