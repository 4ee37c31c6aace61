package dev.payeraccess.sandbox.fhir.records;

import org.hl7.fhir.r4.model.Address;

/** A US postal address of a member or a network site. */
record PostalAddress(String line, String city, String state, String postalCode) {

    Address toFhir() {
        return new Address()
            .setUse(Address.AddressUse.WORK)
            .addLine(line)
            .setCity(city)
            .setState(state)
            .setPostalCode(postalCode)
            .setCountry("US");
    }
}
