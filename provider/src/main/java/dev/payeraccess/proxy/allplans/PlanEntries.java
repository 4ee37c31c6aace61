package dev.payeraccess.proxy.allplans;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.payeraccess.fhir.FhirProblem;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The entries of a merged Bundle as the plans' entries become them: each named by its plan (its {@code fullUrl} at
 * the proxy's base for that plan, and {@code meta.source} when the plan set none), a plan that could not be read as
 * an {@code OperationOutcome} entry ({@code search.mode = outcome}) naming it and why, and the plan's page links
 * read back as the single-plan requests they are.
 */
final class PlanEntries {

    /** A plan's own error answer may list many issues; the outcome entry repeats the first few. */
    static final int MAX_PLAN_ISSUES = 10;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private PlanEntries() {
    }

    /** A single-plan request: its path below {@code fhir/{alias}/}, still encoded, and its raw query. */
    record PageRequest(String path, Optional<String> query) {
    }

    /** The entry with its plan named; a plan's own {@code meta.source} is kept. */
    static ObjectNode named(ObjectNode entry, PlanName plan) {
        if (!(entry.get("resource") instanceof ObjectNode resource)) {
            return entry;
        }
        String type = resource.path("resourceType").asText("");
        String id = resource.path("id").asText("");
        if (!type.isEmpty() && !id.isEmpty()) {
            entry.put("fullUrl", plan.proxyBase() + "/" + type + "/" + id);
        }
        ObjectNode meta = resource.get("meta") instanceof ObjectNode existing ? existing : resource.putObject("meta");
        if (!meta.path("source").isTextual() || meta.path("source").asText().isBlank()) {
            meta.put("source", plan.proxyBase());
        }
        return entry;
    }

    /** The outcome entry of a plan that could not be read, or whose answer broke off. */
    static ObjectNode outcome(PlanName plan, PlanItem.Ended ended) {
        ArrayNode issues = NODES.arrayNode();
        if (ended.problem().isPresent()) {
            FhirProblem problem = ended.problem().get();
            issues.add(issue(problem.status() == 403 ? "warning" : "error", problem.issueType(),
                plan.described() + " was not read (HTTP " + problem.status() + "): " + problem.diagnostics()));
        } else {
            issues.add(issue("error", "processing", plan.described() + " answered HTTP " + ended.status()
                + "; its own issues follow."));
            ended.planIssues().ifPresent(planIssues -> {
                for (int i = 0; i < Math.min(planIssues.size(), MAX_PLAN_ISSUES); i++) {
                    issues.add(planIssues.get(i));
                }
            });
        }
        return outcomeEntry(plan, issues);
    }

    /** The outcome entry of a plan whose next page is not kept: its page link is longer than a cursor may hold. */
    static ObjectNode pageLinkTooLong(PlanName plan, int maxChars) {
        ArrayNode issues = NODES.arrayNode();
        issues.add(issue("error", "too-long", plan.described() + " linked its next page with more than " + maxChars
            + " characters, more than a search across plans keeps: its later entries are not on later pages. "
            + "Search it alone at fhir/" + plan.alias() + " to page through them."));
        return outcomeEntry(plan, issues);
    }

    /** The outcome entry of a plan that was asked to sort and did not. */
    static ObjectNode unsorted(PlanName plan, SortOrder sort) {
        ArrayNode issues = NODES.arrayNode();
        issues.add(issue("warning", "not-supported", plan.described() + " did not sort its entries by _sort="
            + sort.value() + " (its self link has no _sort): its entries are merged in the order it sent them, "
            + "so the merged order may not hold for them."));
        return outcomeEntry(plan, issues);
    }

    /** Whether a plan's self link says it sorted as asked: a {@code _sort} whose first key is {@code sort}'s. */
    static boolean sortsBy(String selfLink, SortOrder sort) {
        int query = selfLink.indexOf('?');
        if (query < 0) {
            return false;
        }
        for (String pair : selfLink.substring(query + 1).split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv.length == 2 && "_sort".equals(decode(kv[0]))) {
                return decode(kv[1]).split(",")[0].trim().equals(sort.value());
            }
        }
        return false;
    }

    /** The single-plan request behind a page link the proxy wrote for {@code plan}; empty for any other URL. */
    static Optional<PageRequest> pageRequest(String link, PlanName plan) {
        if (!link.startsWith(plan.proxyBase())) {
            return Optional.empty();
        }
        String rest = link.substring(plan.proxyBase().length());
        if (!rest.isEmpty() && !rest.startsWith("/") && !rest.startsWith("?")) {
            return Optional.empty(); // another plan whose alias starts with this one's
        }
        rest = rest.startsWith("/") ? rest.substring(1) : rest;
        int query = rest.indexOf('?');
        return Optional.of(query < 0 ? new PageRequest(rest, Optional.empty())
            : new PageRequest(rest.substring(0, query), Optional.of(rest.substring(query + 1))));
    }

    private static ObjectNode outcomeEntry(PlanName plan, ArrayNode issues) {
        ObjectNode entry = NODES.objectNode();
        ObjectNode resource = entry.putObject("resource");
        resource.put("resourceType", "OperationOutcome");
        resource.putObject("meta").put("source", plan.proxyBase());
        resource.set("issue", issues);
        entry.putObject("search").put("mode", "outcome");
        return entry;
    }

    private static JsonNode issue(String severity, String code, String diagnostics) {
        ObjectNode issue = NODES.objectNode();
        issue.put("severity", severity);
        issue.put("code", code);
        issue.put("diagnostics", diagnostics);
        return issue;
    }

    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw;
        }
    }
}
