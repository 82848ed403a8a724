package org.prognos.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.inference.server.Server;
import org.prognos.models.TestModels;
import org.prognos.models.predict.Predictors;

/**
 * TLS: with {@code tls.keystore} set, the service speaks HTTPS only (a self-signed PKCS12 keystore made by the
 * JDK's keytool), scoring works over it with a client that trusts the certificate, plain HTTP gets no answer, and a
 * wrong keystore password stops the start with a message that does not contain the password.
 */
class TlsTest {
    static final String PASSWORD = "test-only-store-pass";

    @TempDir
    static Path dir;
    static Path keystore;

    @BeforeAll
    static void keystore() throws Exception {
        keystore = dir.resolve("service.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "prognos", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, out);
        TestModels.pumpRegistry(dir.resolve("registry"));
    }

    static ServiceConfig tlsConfig() {
        return TestServers.config().withTls(new ServiceConfig.Tls(keystore.toString(), "TEST_TLS_PASSWORD"));
    }

    static HttpClient trustingClient() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ssl).build();
    }

    @Test
    void scores_over_https_and_refuses_plain_http() throws Exception {
        try (Server server = Server.start(dir.resolve("registry"), tlsConfig(), TestServers.keys(), Predictors.standard(),
                Map.of("TEST_TLS_PASSWORD", PASSWORD))) {
            HttpClient client = trustingClient();
            String base = "https://localhost:" + server.port();
            HttpResponse<String> live = client.send(HttpRequest.newBuilder(URI.create(base + "/health/live")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, live.statusCode());
            HttpResponse<String> score = client.send(HttpRequest.newBuilder(URI.create(base + "/v1/models/pump/score"))
                    .header("Authorization", "Bearer " + Http.SCORE_KEY).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"readings\": [{\"time\": 1, \"values\": {\"temp\": 60, \"vib\": 61}},"
                            + " {\"time\": 2, \"values\": {\"temp\": 63, \"vib\": 60}}]}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, score.statusCode(), score.body());
            assertTrue(score.body().contains("\"risk\""), score.body());

            HttpRequest plain = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/health/live")).build();
            boolean answered;
            try {
                HttpResponse<String> r = HttpClient.newHttpClient().send(plain, HttpResponse.BodyHandlers.ofString());
                answered = r.statusCode() == 200;
            } catch (IOException e) {
                answered = false;
            }
            assertFalse(answered, "plain HTTP must not be served when TLS is on");
        }
    }

    @Test
    void a_wrong_keystore_password_stops_the_start_without_showing_it() {
        RuntimeException e = assertThrows(RuntimeException.class, () -> Server.start(dir.resolve("registry"), tlsConfig(),
                TestServers.keys(), Predictors.standard(), Map.of("TEST_TLS_PASSWORD", "not-the-password")));
        String message = String.valueOf(e.getMessage()) + e.getCause();
        assertFalse(message.contains("not-the-password"), message);
        assertTrue(e.getMessage().contains(keystore.toString()) && e.getMessage().contains("TEST_TLS_PASSWORD"), e.getMessage());
    }
}
