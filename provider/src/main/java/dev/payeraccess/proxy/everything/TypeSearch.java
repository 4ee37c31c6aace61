package dev.payeraccess.proxy.everything;

import dev.payeraccess.proxy.request.FhirRequest;

/**
 * One type's search of an emulated {@code $everything}, as the policy allowed it (pinned to the patient).
 *
 * @param forwarded the search as the plan gets it; its first page
 */
public record TypeSearch(String type, FhirRequest forwarded) {
}
