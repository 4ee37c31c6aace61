package dev.payeraccess.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.payeraccess.keycloak.KeycloakServer;
import dev.payeraccess.launch.BuildLayout;
import dev.payeraccess.launch.KeycloakStack;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Properties;
import java.util.stream.Stream;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;

/**
 * Links as a release before token binding left them in Keycloak's database: the stored-token JSON without
 * {@code bound_to}, encrypted like the extension does (JWE, RSA-OAEP + A256GCM, to the realm's active
 * encryption key, which the admin API publishes). No Keycloak API writes a link's token, so it goes into the
 * {@code FEDERATED_IDENTITY} row directly, through the H2 driver of the Keycloak distribution under test
 * (same version as the server), and Keycloak's user cache is cleared afterwards, as after any upgrade.
 */
final class PreviousReleaseLinks {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static Driver h2;

    private final KeycloakStack stack;
    private final TestRealm realm;

    PreviousReleaseLinks(KeycloakStack stack, TestRealm realm) {
        this.stack = stack;
        this.realm = realm;
    }

    /** Replaces the token of the user's link to {@code alias} with {@code storedJson}, encrypted to the realm's key. */
    void store(String alias, String storedJson) throws Exception {
        String jwe = encryptToRealm(storedJson);
        try (Connection db = database(); PreparedStatement update = db.prepareStatement(
            "UPDATE FEDERATED_IDENTITY SET TOKEN = ? WHERE USER_ID = ? AND IDENTITY_PROVIDER = ?")) {
            update.setString(1, jwe);
            update.setString(2, realm.userId());
            update.setString(3, alias);
            if (update.executeUpdate() != 1) {
                throw new IllegalStateException("the user has no link to " + alias);
            }
        }
        realm.admin.post("clear-user-cache", null).expect(204);
    }

    /** The link's stored token as it is in the database now (a JWE: only its changes can be seen). */
    String storedCiphertext(String alias) throws Exception {
        try (Connection db = database(); PreparedStatement query = db.prepareStatement(
            "SELECT TOKEN FROM FEDERATED_IDENTITY WHERE USER_ID = ? AND IDENTITY_PROVIDER = ?")) {
            query.setString(1, realm.userId());
            query.setString(2, alias);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("the user has no link to " + alias);
                }
                return row.getString(1);
            }
        }
    }

    private String encryptToRealm(String plaintext) throws Exception {
        JsonNode keys = realm.admin.get("keys");
        String kid = keys.get("active").get("RSA-OAEP").asText();
        JsonNode key = null;
        for (JsonNode candidate : keys.get("keys")) {
            key = kid.equals(candidate.path("kid").asText()) ? candidate : key;
        }
        PublicKey publicKey = KeyFactory.getInstance("RSA")
            .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(key.get("publicKey").asText())));

        byte[] cek = random(32);
        Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
        rsa.init(Cipher.ENCRYPT_MODE, publicKey,
            new OAEPParameterSpec("SHA-1", "MGF1", MGF1ParameterSpec.SHA1, PSource.PSpecified.DEFAULT));
        String header = B64.encodeToString(("{\"alg\":\"RSA-OAEP\",\"enc\":\"A256GCM\",\"kid\":\"" + kid + "\"}")
            .getBytes(StandardCharsets.UTF_8));
        byte[] iv = random(12);
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, iv));
        gcm.updateAAD(header.getBytes(StandardCharsets.US_ASCII));
        byte[] sealed = gcm.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
        byte[] ciphertext = Arrays.copyOf(sealed, sealed.length - 16);
        byte[] tag = Arrays.copyOfRange(sealed, sealed.length - 16, sealed.length);
        return String.join(".", header, B64.encodeToString(rsa.doFinal(cek)), B64.encodeToString(iv),
            B64.encodeToString(ciphertext), B64.encodeToString(tag));
    }

    private Connection database() throws Exception {
        Properties login = new Properties();
        // Keycloak opens its dev-file database without credentials, so H2 made the empty user its owner.
        login.setProperty("user", "");
        login.setProperty("password", "");
        Connection connection = h2Driver().connect(KeycloakServer.h2Url(stack.keycloak().dataDir()), login);
        if (connection == null) {
            throw new SQLException("the H2 driver did not accept " + KeycloakServer.h2Url(stack.keycloak().dataDir()));
        }
        return connection;
    }

    /** H2's driver from the distribution's own JAR, loaded once per run (its classes must outlive each connection). */
    private static synchronized Driver h2Driver() throws Exception {
        if (h2 == null) {
            Path lib = BuildLayout.fromBuild().keycloakHome().resolve("lib/lib/main");
            Path jar;
            try (Stream<Path> jars = Files.list(lib)) {
                jar = jars.filter(p -> p.getFileName().toString().startsWith("com.h2database.h2-")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no H2 driver in " + lib));
            }
            ClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                ClassLoader.getPlatformClassLoader());
            h2 = (Driver) Class.forName("org.h2.Driver", true, loader).getDeclaredConstructor().newInstance();
        }
        return h2;
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
