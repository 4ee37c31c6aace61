package dev.payeraccess.sandbox.oauth;

import java.util.Map;
import java.util.Optional;

/** The plan's member verification page: who is asking, for what, and the seeds' identity fields. */
final class VerificationPage {

    private VerificationPage() {
    }

    static String render(PendingAuthorization held, String formAction, Optional<String> error,
                         Map<String, String> values) {
        StringBuilder body = new StringBuilder();
        body.append("<h1>Demo Health Plan: verify your membership</h1>")
            .append("<p><strong>").append(Html.escape(held.request().client().clientId()))
            .append("</strong> asks to read your health plan data.</p>")
            .append("<p class=\"scopes\">Requested access: ")
            .append(Html.escape(String.join(" ", held.request().scopes())))
            .append(" (track ").append(Html.escape(held.request().track().systemId())).append(")</p>");
        error.ifPresent(e -> body.append("<p class=\"error\" role=\"alert\" id=\"verification-error\">")
            .append(Html.escape(e)).append("</p>"));
        body.append("<form method=\"post\" action=\"").append(Html.escape(formAction)).append("\">")
            .append("<input type=\"hidden\" name=\"request_id\" value=\"").append(Html.escape(held.id())).append("\">");
        for (MemberForm.Field field : MemberForm.FIELDS) {
            body.append("<label for=\"").append(field.name()).append("\">").append(field.label()).append("</label>")
                .append("<input id=\"").append(field.name()).append("\" name=\"").append(field.name())
                .append("\" autocomplete=\"").append(field.autocomplete())
                .append("\" placeholder=\"").append(Html.escape(field.placeholder()))
                .append("\" value=\"").append(Html.escape(values.getOrDefault(field.name(), ""))).append("\">");
        }
        body.append("<div class=\"actions\">")
            .append("<button type=\"submit\" name=\"action\" value=\"verify\" id=\"verify\">Verify and allow</button>")
            .append("<button type=\"submit\" name=\"action\" value=\"deny\" id=\"deny\">Deny</button>")
            .append("</div></form>");
        return Html.page("Verify your membership", body.toString());
    }

    static String error(String message) {
        return Html.page("Authorization error",
            "<h1>This request cannot be authorized</h1><p class=\"error\" role=\"alert\">"
            + Html.escape(message) + "</p><p>Return to the app and try again.</p>");
    }
}
