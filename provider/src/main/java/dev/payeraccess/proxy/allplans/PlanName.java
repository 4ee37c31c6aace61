package dev.payeraccess.proxy.allplans;

/**
 * A plan as the merged Bundle names it.
 *
 * @param displayName what members read as the plan's name
 * @param proxyBase the proxy's FHIR base at the plan, {@code {issuer}/payer-access/fhir/{alias}}: each entry's
 *     {@code fullUrl} is under it, and it is the {@code meta.source} of entries whose plan set none
 */
record PlanName(String alias, String displayName, String proxyBase) {

    /** How diagnostics name the plan. */
    String described() {
        return displayName.equals(alias) ? "Plan " + alias : "Plan " + alias + " (" + displayName + ")";
    }
}
