package dev.payeraccess.sandbox.fhir.records;

import dev.payeraccess.sandbox.fhir.records.Terminology.Code;

/** A benefit plan the health plan sells, as Coverage.class and Coverage.type describe it. */
record PlanProduct(String planCode, String planName, String groupCode, String groupName, Code type) {

    static final PlanProduct COMMERCIAL_PPO = new PlanProduct("PPO-GOLD-2023", "Demo PPO Gold",
        "GRP-104233", "Demo Employer Group",
        new Code(Terminology.ACT_CODE, "PPO", "preferred provider organization policy"));
    static final PlanProduct MEDICARE_ADVANTAGE = new PlanProduct("MA-HMO-2023", "Demo Medicare Advantage HMO",
        "GRP-MA-0001", "Demo Medicare Advantage Individual", new Code(Terminology.ACT_CODE, "HMO",
        "health maintenance organization policy"));
    static final PlanProduct DENTAL = new PlanProduct("DENT-BASIC-2023", "Demo Dental Basic",
        "GRP-104233", "Demo Employer Group", new Code(Terminology.ACT_CODE, "DENTAL", "dental care policy"));
}
