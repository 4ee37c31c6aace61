package dev.payeraccess.sandbox.fhir.records;

/**
 * A National Provider Identifier. The synthetic ones still carry a valid check digit (Luhn over the
 * {@code 80840} card-issuer prefix), so clients that validate NPIs accept them.
 */
record Npi(String value) {

    private static final String ISSUER_PREFIX = "80840";

    static Npi of(String nineDigits) {
        return new Npi(nineDigits + checkDigit(ISSUER_PREFIX + nineDigits));
    }

    private static int checkDigit(String payload) {
        int sum = 0;
        boolean doubled = true;
        for (int i = payload.length() - 1; i >= 0; i--) {
            int digit = payload.charAt(i) - '0';
            if (doubled) {
                digit *= 2;
                digit = digit > 9 ? digit - 9 : digit;
            }
            sum += digit;
            doubled = !doubled;
        }
        return (10 - sum % 10) % 10;
    }
}
