package dev.payeraccess.sandbox.fhir.large;

import ca.uhn.fhir.parser.IParser;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.ExplanationOfBenefit;
import org.hl7.fhir.r4.model.IdType;

/**
 * A claim encoded once by HAPI's parser, with slots where each generated entry's own id goes. Encoding
 * every entry from scratch would make the sandbox, not the client under test, the bottleneck of a
 * 100 MB bundle; splicing a plain id ({@code [a-z0-9-]}, nothing to escape) into HAPI's output keeps
 * every entry HAPI-encoded JSON.
 */
final class EncodedClaim {

    /** Letters only, so it is a valid FHIR id and appears nowhere else in an encoded claim. */
    private static final String SLOT = "ENTRYIDSLOTxq";

    private final List<String> pieces;

    private EncodedClaim(List<String> pieces) {
        this.pieces = pieces;
    }

    /** Encodes {@code claim}, which it rewrites: the caller hands over a copy it owns. */
    static EncodedClaim of(IParser parser, ExplanationOfBenefit claim) {
        claim.setId(new IdType("ExplanationOfBenefit", SLOT, "1"));
        // The business identifier is per entry too, as clients may de-duplicate claims by it.
        claim.getIdentifierFirstRep().setValue("CLM-" + SLOT);
        String json = parser.encodeResourceToString(claim);
        return new EncodedClaim(List.of(json.split(Pattern.quote(SLOT), -1)));
    }

    /** Writes the claim as the value of the current field, carrying {@code id}. */
    void writeAsValue(JsonGenerator json, String id) throws IOException {
        json.writeRawValue(pieces.get(0));
        for (int i = 1; i < pieces.size(); i++) {
            json.writeRaw(id);
            json.writeRaw(pieces.get(i));
        }
    }
}
