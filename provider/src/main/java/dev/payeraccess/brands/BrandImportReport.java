package dev.payeraccess.brands;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

/**
 * The answer to an import of a Brands Bundle: the plans it created, updated and left unchanged, and every part of
 * the Bundle it refused with the reason, so an administrator sees at once what to complete and what to fix.
 */
public record BrandImportReport(List<ImportedPlan> plans, List<RefusedEntry> refused) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public BrandImportReport {
        plans = List.copyOf(plans);
        refused = List.copyOf(refused);
    }

    /**
     * {@code {"created": [...], "updated": [...], "unchanged": [...], "refused": [...]}}: each plan with
     * {@code alias}, {@code displayName}, {@code fhirBaseUrl}, {@code brandIdentifier}, {@code enabled},
     * {@code source} (where in the Bundle), {@code notes} and, when updated, {@code changed}; each refusal with
     * {@code source}, {@code brand}, {@code address} and {@code reason}.
     */
    public ObjectNode toJson() {
        ObjectNode answer = JSON.createObjectNode();
        for (ImportedPlan.Outcome outcome : ImportedPlan.Outcome.values()) {
            ArrayNode list = answer.putArray(outcome.name().toLowerCase(Locale.ROOT));
            plans.stream().filter(plan -> plan.outcome() == outcome).map(BrandImportReport::describe)
                .forEach(list::add);
        }
        ArrayNode list = answer.putArray("refused");
        refused.stream().map(BrandImportReport::describe).forEach(list::add);
        return answer;
    }

    /** The plan as the admin event of its creation or change records it. */
    public static ObjectNode describe(ImportedPlan imported) {
        BrandedPlan plan = imported.pair().plan();
        ObjectNode node = JSON.createObjectNode().put("alias", imported.alias());
        plan.displayName().ifPresent(name -> node.put("displayName", name));
        node.put("fhirBaseUrl", plan.address()).put("brandIdentifier", plan.brand().token())
            .put("enabled", imported.enabled()).put("source", imported.pair().source());
        if (!imported.changed().isEmpty()) {
            imported.changed().forEach(node.putArray("changed")::add);
        }
        if (!imported.pair().notes().isEmpty()) {
            imported.pair().notes().forEach(node.putArray("notes")::add);
        }
        return node;
    }

    private static ObjectNode describe(RefusedEntry refusal) {
        ObjectNode node = JSON.createObjectNode().put("source", refusal.source());
        refusal.brand().ifPresent(brand -> node.put("brand", brand));
        refusal.address().ifPresent(address -> node.put("address", address));
        return node.put("reason", refusal.reason());
    }
}
