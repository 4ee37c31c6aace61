package dev.payeraccess.reconnect;

import dev.payeraccess.lifecycle.LifecycleChange;
import dev.payeraccess.lifecycle.LifecycleKind;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The e-mail asking a member to reconnect, decided from a lifecycle change: a grant ending soon
 * ({@code link.grant_ending}, announced once per link and grant end) or a link the plan revoked or that can no
 * longer be renewed ({@code link.revoked}, {@code link.relink_required}, each recorded once, when the link is
 * cleared). Each of these changes happens once per link and ending, so the mail goes at most once for each.
 * Pure: the template model only, in words a member understands. It never names the plan: which health plan a
 * person belongs to is health information, and a mailbox is read by others.
 */
record ReconnectMail(String subject, Map<String, Object> model) {

    static final String TEMPLATE = "payer-access-reconnect.ftl";
    static final String SUBJECT = "Reconnect your health plan";

    /** The mail for {@code change}, if it is one that asks the member to reconnect. */
    static Optional<ReconnectMail> of(LifecycleChange change, String realmName, Locale locale, Instant now) {
        if (change.userId().isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("realmName", realmName);
        if (change.kind() == LifecycleKind.GRANT_ENDING && change.expiresAt().filter(now::isBefore).isPresent()) {
            model.put("ending", true);
            model.put("endsOn", DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale)
                .withZone(ZoneOffset.UTC).format(change.expiresAt().get()));
        } else if (change.kind() == LifecycleKind.REVOKED || change.kind() == LifecycleKind.RELINK_REQUIRED) {
            model.put("ending", false);
        } else {
            return Optional.empty();
        }
        return Optional.of(new ReconnectMail(SUBJECT, Map.copyOf(model)));
    }
}
