package org.prognos.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.PrognosException;
import org.prognos.inference.security.ApiKeys;
import org.prognos.inference.server.Server;
import org.prognos.models.TestModels;
import org.prognos.models.bundle.PayloadKind;
import org.prognos.models.predict.Predictors;
import org.prognos.models.tribuo.TribuoPredictor;

/**
 * Safe defaults: the service binds loopback unless told otherwise, refuses to serve without keys where other
 * machines can reach it unless {@code auth.insecure} says so, warns whenever keys are off, and opens its port only
 * once its models are loaded.
 */
class SafeDefaultsTest {

    @TempDir
    Path dir;
    Path registry;

    @BeforeEach
    void registry() {
        registry = dir.resolve("registry");
        TestModels.pumpRegistry(registry);
    }

    @Test
    void the_default_host_is_loopback() throws IOException {
        assertEquals("127.0.0.1", ServiceConfig.defaults().host());
        Path yaml = Files.writeString(dir.resolve("service.yaml"), "port: 7171\n");
        assertEquals("127.0.0.1", ServiceConfig.read(yaml).host());
        assertFalse(ServiceConfig.read(yaml).auth().insecure());
    }

    @Test
    void serving_without_keys_on_every_interface_is_refused_saying_what_to_do() {
        ServiceConfig open = TestServers.config().withHost("0.0.0.0").withAuth(AuthConfig.disabled());
        long t0 = System.nanoTime();
        PrognosException e = assertThrows(PrognosException.class, () -> Server.start(registry, open, ApiKeys.disabled(), Predictors.standard()));
        String m = e.getMessage();
        assertTrue(m.startsWith("refusing to serve without API keys (auth.enabled: false) on 0.0.0.0"), m);
        for (String advice : List.of("--host 127.0.0.1", "auth.enabled: true", "--insecure", "auth.insecure: true")) {
            assertTrue(m.contains(advice), advice + " in " + m);
        }
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "refused before loading models");
    }

    @Test
    void insecure_allows_serving_without_keys_on_every_interface_with_a_warning() throws IOException {
        Path yaml = Files.writeString(dir.resolve("service.yaml"), "host: 0.0.0.0\nport: 0\nreload: {pollSeconds: 0}\n"
                + "auth: {enabled: false, insecure: true}\n");
        ServiceConfig config = ServiceConfig.read(yaml);
        assertTrue(config.auth().insecure());
        List<String> warnings;
        try (LogLines log = LogLines.of(Server.class, Level.WARNING);
             Server server = Server.start(registry, config, ApiKeys.disabled(), Predictors.standard())) {
            assertEquals(200, new Http(server.port()).withKey(null).get("/v1/models").status());
            warnings = log.lines();
        }
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("prognos serves WITHOUT API keys") && w.contains("0.0.0.0")), warnings.toString());
    }

    @Test
    void without_keys_on_loopback_the_service_starts_and_warns() {
        List<String> warnings;
        try (LogLines log = LogLines.of(Server.class, Level.WARNING);
             Server server = Server.start(registry, TestServers.config().withAuth(AuthConfig.disabled()), ApiKeys.disabled(),
                     Predictors.standard())) {
            assertEquals(200, new Http(server.port()).withKey(null).get("/v1/models").status());
            warnings = log.lines();
        }
        assertTrue(warnings.stream().anyMatch(w -> w.contains("WITHOUT API keys") && w.contains("this machine only")), warnings.toString());
    }

    @Test
    void the_port_opens_only_once_the_models_are_loaded() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Predictors slowLoad = Predictors.standard().with(PayloadKind.TRIBUO_PROTOBUF, bundle -> {
            loading.countDown();
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return TribuoPredictor.load(bundle);
        });
        CompletableFuture<Server> starting = CompletableFuture.supplyAsync(() -> Server.start(registry, TestServers.config().withPort(port),
                TestServers.keys(), slowLoad));
        assertTrue(loading.await(20, TimeUnit.SECONDS), "a model started loading");
        Thread.sleep(300);
        assertThrows(ConnectException.class, () -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
            }
        }, "nothing listens while models load: a load balancer's connection fails rather than waits");
        release.countDown();
        try (Server server = starting.get(30, TimeUnit.SECONDS)) {
            assertEquals(port, server.port());
            assertEquals("ready", new Http(port).withKey(null).get("/health/ready").json().at("/status").asText(),
                    "ready as soon as the port answers");
        }
    }
}
