package dev.payeraccess.realmkeys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** A stored text's parts are counted as Keycloak's JWE splits it, so what one accepts the other accepts too. */
class RealmKeyCipherTest {

    @Test
    void partsAreCountedAsSplittingOnDotsCountsThem() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(12);
            for (int k = 0; k < length; k++) {
                text.append(random.nextInt(3) == 0 ? '.' : 'a');
            }
            assertEquals(text.toString().split("\\.").length, RealmKeyCipher.parts(text.toString()), text::toString);
        }
    }
}
