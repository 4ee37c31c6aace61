package dev.payeraccess.sandbox.fhir.records;

/** A place in the plan's network that bills it: a hospital, a clinic or a pharmacy. */
record CareSite(String id, String name, Kind kind, Npi npi, String tin, PostalAddress address) {

    enum Kind { HOSPITAL, CLINIC, PHARMACY }

    /** Local sites serve their own state; nationwide ones (mail order) every state. */
    boolean serves(String state) {
        return address.state().equals(state) || ProviderNetwork.NATIONWIDE.contains(id);
    }
}
