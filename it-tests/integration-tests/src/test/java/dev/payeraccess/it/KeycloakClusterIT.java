package dev.payeraccess.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.payeraccess.cluster.KeycloakCluster;
import dev.payeraccess.launch.KeycloakStack;
import dev.payeraccess.sandbox.PayerSandbox;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** Two Keycloak nodes on PostgreSQL behind nginx, started once for this class against the suite's sandbox. */
@ExtendWith(PayerAccessStack.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeycloakClusterIT {

    private KeycloakStack stack;
    private KeycloakCluster cluster;

    @BeforeAll
    void startCluster(PayerSandbox sandbox) throws Exception {
        stack = KeycloakStack.builder().name("cluster").cluster().sandbox(sandbox).workDir(PayerAccessStack.workDir())
            .start();
        cluster = stack.cluster().orElseThrow();
        System.out.println("Cluster up: " + stack);
    }

    @AfterAll
    void stopCluster() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void bothNodesServeThroughNginxWithItsUrlAsTheIssuer() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 4; i++) {
            HttpResponse<String> realm = http.send(HttpRequest.newBuilder(URI.create(cluster.publicUrl()
                + "/realms/payer-demo/.well-known/openid-configuration")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, realm.statusCode(), realm.body());
            assertTrue(realm.body().contains("\"issuer\":\"" + cluster.publicUrl() + "/realms/payer-demo\""), realm.body());
        }
    }
}
