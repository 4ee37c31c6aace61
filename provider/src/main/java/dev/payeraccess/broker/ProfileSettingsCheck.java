package dev.payeraccess.broker;

import static dev.payeraccess.broker.PlanIdentityProviderConfig.CLIENT_ASSERTION_ALGORITHMS;
import static dev.payeraccess.broker.PlanIdentityProviderConfig.CLIENT_ASSERTION_SIGNING_ALG;
import static dev.payeraccess.broker.PlanIdentityProviderConfig.MAX_AUTHORIZATION_DAYS;
import static dev.payeraccess.broker.PlanIdentityProviderConfig.MAX_CONCURRENT_REQUESTS;
import static dev.payeraccess.broker.PlanIdentityProviderConfig.MAX_REQUESTS_PER_SECOND;
import static dev.payeraccess.broker.PlanIdentityProviderConfig.OFFSET_PARAMETER;
import static dev.payeraccess.broker.PlanIdentityProviderConfig.PAGING_HOSTS;
import static dev.payeraccess.broker.PlanIdentityProviderConfig.PAGING_MODE;
import static dev.payeraccess.broker.PlanIdentityProviderConfig.PATIENT_SOURCE;
import static dev.payeraccess.broker.PlanIdentityProviderConfig.REFRESH_TOKENS;
import static dev.payeraccess.broker.PlanIdentityProviderConfig.SCOPE_STYLE;

import dev.payeraccess.plan.OutboundTargets;
import dev.payeraccess.plan.PatientSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The save-time rules of a plan's profile settings (README "Plan profiles"), each message naming the setting,
 * what was wrong and what to enter. Pure but for the paging hosts' addresses, like {@link PlanConfigCheck}, which
 * calls it.
 */
final class ProfileSettingsCheck {

    static final int MAX_AUTHORIZATION_DAYS_LIMIT = 3650;
    static final int MAX_REQUESTS_PER_SECOND_LIMIT = 10_000;
    static final int MAX_CONCURRENT_REQUESTS_LIMIT = 1_000;
    private static final Pattern PARAMETER_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]{0,39}");
    /** FHIR's result parameters that are offsets; any other {@code _} name has a meaning the policy checks. */
    private static final Set<String> OFFSET_RESULT_PARAMETERS = Set.of("_offset", "_getpagesoffset", "_skip", "_page");
    /** The parameters that name the member: never taken as an offset, which the access policy does not check. */
    private static final Set<String> MEMBER_PARAMETERS = Set.of("patient", "subject", "beneficiary", "member");

    private ProfileSettingsCheck() {
    }

    /** @param targets where the node may call: the paging hosts receive members' tokens */
    static List<String> problems(PlanIdentityProviderConfig config, OutboundTargets targets) {
        List<String> problems = new ArrayList<>();
        oneOf(config, CLIENT_ASSERTION_SIGNING_ALG, CLIENT_ASSERTION_ALGORITHMS).ifPresent(problems::add);
        oneOf(config, SCOPE_STYLE, PlanIdentityProviderConfig.SCOPE_STYLES).ifPresent(problems::add);
        oneOf(config, REFRESH_TOKENS, PlanIdentityProviderConfig.REFRESH_TOKEN_MODES).ifPresent(problems::add);
        oneOf(config, PAGING_MODE, PlanIdentityProviderConfig.PAGING_MODES).ifPresent(problems::add);
        patientSources(config.text(PATIENT_SOURCE)).ifPresent(problems::add);
        number(config, MAX_AUTHORIZATION_DAYS, MAX_AUTHORIZATION_DAYS_LIMIT,
            "days, e.g. 395 for the 13 months of CMS Blue Button").ifPresent(problems::add);
        number(config, MAX_REQUESTS_PER_SECOND, MAX_REQUESTS_PER_SECOND_LIMIT, "requests per second")
            .ifPresent(problems::add);
        number(config, MAX_CONCURRENT_REQUESTS, MAX_CONCURRENT_REQUESTS_LIMIT, "requests").ifPresent(problems::add);
        offsetParameter(config.text(OFFSET_PARAMETER)).ifPresent(problems::add);
        problems.addAll(pagingHosts(config, targets));
        return problems;
    }


    private static Optional<String> oneOf(PlanIdentityProviderConfig config, String key, List<String> allowed) {
        String text = config.text(key);
        if (text == null || text.isBlank() || allowed.contains(text.trim())) {
            return Optional.empty();
        }
        return Optional.of(key + " '" + text + "' is not one of " + String.join(", ", allowed) + ".");
    }

    private static Optional<String> patientSources(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        List<String> names = PlanIdentityProviderConfig.splitList(text);
        List<String> unknown = names.stream().filter(n -> PatientSource.byConfigName(n).isEmpty()).toList();
        Set<String> seen = new HashSet<>();
        List<String> repeated = names.stream().filter(n -> !seen.add(n)).distinct().toList();
        if (unknown.isEmpty() && repeated.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(PATIENT_SOURCE + " '" + text + "': " + (unknown.isEmpty()
            ? String.join(", ", repeated) + " is named twice"
            : String.join(", ", unknown) + " is not a place to find the member")
            + ". List some of token, id_token, search in the order to try them, e.g. 'token, id_token, search'.");
    }

    private static Optional<String> number(PlanIdentityProviderConfig config, String key, int max, String unit) {
        String text = config.text(key);
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= 1 && value <= max) {
                return Optional.empty();
            }
        } catch (NumberFormatException e) {
            // reported below with the allowed range
        }
        return Optional.of(key + " '" + text + "' is not a whole number from 1 to " + max + ": enter " + unit
            + ", or leave it empty for no limit.");
    }

    private static Optional<String> offsetParameter(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String name = text.trim();
        boolean reserved = name.startsWith("_") ? !OFFSET_RESULT_PARAMETERS.contains(name)
            : MEMBER_PARAMETERS.contains(name);
        if (PARAMETER_NAME.matcher(name).matches() && !reserved) {
            return Optional.empty();
        }
        return Optional.of(OFFSET_PARAMETER + " '" + text
            + "' is not a paging parameter: enter the name the plan pages "
            + "with, e.g. _offset, _getpagesoffset or startIndex (not a search parameter such as _include or "
                + "patient).");
    }

    private static List<String> pagingHosts(PlanIdentityProviderConfig config, OutboundTargets targets) {
        List<String> problems = new ArrayList<>();
        String base = config.fhirBaseUrl().orElse("");
        for (String host : config.pagingHosts()) {
            PlanConfigCheck.url(PAGING_HOSTS, host, false, targets).ifPresentOrElse(problems::add, () -> {
                if (host.equals(base)) {
                    problems.add(PAGING_HOSTS + " '" + host + "' is the FHIR base URL itself: list only the plan's "
                        + "other hosts its next links point at.");
                }
            });
        }
        return problems;
    }
}
