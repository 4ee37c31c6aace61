package dev.payeraccess.sandbox.fhir.records;

import dev.payeraccess.sandbox.fhir.records.Terminology.Code;

/** A practitioner in the plan's network, affiliated with one site. */
record Clinician(String id, String given, String family, String gender, Npi npi, Code specialty, String siteId) {

    String displayName() {
        return "Dr. " + given + " " + family;
    }

    boolean isPrimaryCare() {
        return specialty.code().equals(ProviderNetwork.FAMILY_MEDICINE.code())
            || specialty.code().equals(ProviderNetwork.PEDIATRICS.code());
    }
}
