package dev.payeraccess.conformance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * The answer of a conformance check of one plan: every finding, in the order the checks ran, and how many came
 * out each way.
 */
public record Scorecard(String plan, Instant checkedAt, List<Finding> findings) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public Scorecard {
        findings = List.copyOf(findings);
    }

    public long count(Finding.Result result) {
        return findings.stream().filter(f -> f.result() == result).count();
    }

    public Optional<Finding> finding(String check) {
        return findings.stream().filter(f -> f.check().equals(check)).findFirst();
    }

    /**
     * <pre>{"plan": "acme", "checkedAt": "2026-11-23T09:40:12Z",
     *  "findings": [{"check": "pkce-s256", "result": "fail", "detail": "...", "suggests": {"pkceEnabled": "false"}}],
     *  "summary": {"pass": 9, "warn": 2, "fail": 1, "skipped": 5}}</pre>
     */
    public ObjectNode toJson() {
        ObjectNode card = JSON.createObjectNode().put("plan", plan)
            .put("checkedAt", checkedAt.truncatedTo(ChronoUnit.SECONDS).toString());
        ArrayNode list = card.putArray("findings");
        for (Finding finding : findings) {
            ObjectNode node = list.addObject().put("check", finding.check()).put("result", finding.result().wireName())
                .put("detail", finding.detail());
            ObjectNode suggests = node.putObject("suggests");
            finding.suggests().forEach(suggests::put);
        }
        card.set("summary", summary());
        return card;
    }

    public ObjectNode summary() {
        ObjectNode summary = JSON.createObjectNode();
        for (Finding.Result result : Finding.Result.values()) {
            summary.put(result.wireName(), count(result));
        }
        return summary;
    }
}
