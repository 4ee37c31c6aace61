package dev.payeraccess.sandbox.oauth;

import dev.payeraccess.sandbox.TestMember;
import dev.payeraccess.sandbox.TestMembers;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * {@code /account/connected-apps}: the plan's member portal page where a member sees the apps connected to their
 * health plan data and disconnects one, as plans offer it (CMS Blue Button's "Connected apps", a payer's "Manage
 * app access"). Disconnecting ends every grant the member gave that app ({@link Grants#revokeMember}); the app is
 * not told and finds out at its next call ({@code invalid_grant}, 401). The member proves who they are with member
 * ID, last name and birthdate on every request: the sandbox keeps no portal session.
 */
public final class ConnectedAppsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient Grants grants;

    public ConnectedAppsServlet(Grants grants) {
        this.grants = grants;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        page(resp, 200, signInForm(req.getRequestURI(), Optional.empty()));
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Optional<TestMember> member = member(req);
        if (member.isEmpty()) {
            page(resp, 200, signInForm(req.getRequestURI(), Optional.of("We could not find a member with these "
                + "details. Member ID, last name and birthdate (MM/DD/YYYY) must match the member ID card.")));
            return;
        }
        Optional<String> notice = Optional.empty();
        if ("disconnect".equals(req.getParameter("action"))) {
            String clientId = Optional.ofNullable(req.getParameter("clientId")).orElse("");
            int ended = grants.revokeMember(member.get(), clientId);
            notice = Optional.of(ended > 0 ? clientId + " is disconnected: it can no longer read your data."
                : clientId + " was not connected.");
        }
        page(resp, 200, appsPage(req, member.get(), notice));
    }

    private static Optional<TestMember> member(HttpServletRequest req) {
        String lastName = Optional.ofNullable(req.getParameter("lastName")).orElse("").trim();
        LocalDate birthDate;
        try {
            birthDate = LocalDate.parse(Optional.ofNullable(req.getParameter("birthDate")).orElse("").trim(),
                MemberVerification.BIRTHDATE);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        return TestMembers.byMemberId(Optional.ofNullable(req.getParameter("memberId")).orElse(""))
            .filter(m -> m.lastName().equalsIgnoreCase(lastName) && m.birthDate().equals(birthDate));
    }

    private static String signInForm(String action, Optional<String> error) {
        StringBuilder body = new StringBuilder("<h1>Demo Health Plan: connected apps</h1>")
            .append("<p>Sign in to see the apps that can read your health plan data.</p>");
        error.ifPresent(e -> body.append("<p class=\"error\" role=\"alert\" id=\"portal-error\">")
            .append(Html.escape(e)).append("</p>"));
        body.append("<form method=\"post\" action=\"").append(Html.escape(action)).append("\">")
            .append(field("memberId", "Member ID", "")).append(field("lastName", "Last name", ""))
            .append(field("birthDate", "Birthdate", ""))
            .append("<div class=\"actions\"><button type=\"submit\" name=\"action\" value=\"verify\" id=\"show-apps\">"
                + "Show my connected apps</button></div></form>");
        return Html.page("Connected apps", body.toString());
    }

    private String appsPage(HttpServletRequest req, TestMember member, Optional<String> notice) {
        List<Grants.ConnectedApp> apps = grants.connectedApps(member);
        StringBuilder body = new StringBuilder("<h1>Demo Health Plan: connected apps</h1>")
            .append("<p>Apps that can read the health plan data of ").append(Html.escape(member.firstName()))
            .append(' ').append(Html.escape(member.lastName())).append(".</p>");
        notice.ifPresent(n -> body.append("<p role=\"status\" id=\"portal-notice\">").append(Html.escape(n))
            .append("</p>"));
        if (apps.isEmpty()) {
            body.append("<p id=\"no-apps\">No app is connected.</p>");
        }
        body.append("<ul id=\"apps\">");
        for (Grants.ConnectedApp app : apps) {
            body.append("<li data-client-id=\"").append(Html.escape(app.clientId())).append("\"><strong>")
                .append(Html.escape(app.clientId())).append("</strong>, connected since ").append(app.since())
                .append("<form method=\"post\" action=\"").append(Html.escape(req.getRequestURI())).append("\">")
                .append(hidden("memberId", member.memberId())).append(hidden("lastName", member.lastName()))
                .append(hidden("birthDate", member.birthDate().format(MemberVerification.BIRTHDATE)))
                .append(hidden("clientId", app.clientId()))
                .append("<button type=\"submit\" name=\"action\" value=\"disconnect\">Disconnect</button>")
                .append("</form></li>");
        }
        return Html.page("Connected apps", body.append("</ul>").toString());
    }

    private static String field(String name, String label, String value) {
        return "<label for=\"" + name + "\">" + label + "</label><input id=\"" + name + "\" name=\"" + name
            + "\" value=\"" + Html.escape(value) + "\">";
    }

    private static String hidden(String name, String value) {
        return "<input type=\"hidden\" name=\"" + name + "\" value=\"" + Html.escape(value) + "\">";
    }

    private static void page(HttpServletResponse resp, int status, String html) throws IOException {
        resp.setStatus(status);
        resp.setContentType("text/html;charset=utf-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.getWriter().write(html);
    }
}
