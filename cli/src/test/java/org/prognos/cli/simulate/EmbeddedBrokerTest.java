package org.prognos.cli.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.prognos.PrognosException;

class EmbeddedBrokerTest {
    @Test
    void carries_a_message_on_a_free_loopback_port_writing_no_file_and_logging_no_info() throws Exception {
        Path cwd = Path.of("").toAbsolutePath();
        List<Path> before;
        try (Stream<Path> files = Files.list(cwd)) {
            before = files.sorted().toList();
        }
        try (EmbeddedBroker a = EmbeddedBroker.inMemory(); EmbeddedBroker b = EmbeddedBroker.inMemory()) {
            assertNotEquals(a.port(), b.port());
            assertEquals("tcp://127.0.0.1:" + a.port(), a.url());
            assertFalse(LoggerFactory.getLogger("io.moquette").isInfoEnabled(), "Moquette's INFO lines are silenced");
            assertTrue(LoggerFactory.getLogger("io.moquette").isWarnEnabled(), "its warnings are not");
            try (TestSubscriber sub = TestSubscriber.subscribe(a, "fleet/#")) {
                var pub = Mqtt3Client.builder().identifier("p").serverHost(EmbeddedBroker.HOST).serverPort(a.port()).buildBlocking();
                pub.connect();
                pub.publishWith().topic("fleet/1/telemetry").qos(MqttQos.AT_LEAST_ONCE).payload("hi".getBytes(StandardCharsets.UTF_8)).send();
                pub.disconnect();
                List<TestSubscriber.Message> got = sub.await(1, Duration.ofMillis(100), Duration.ofSeconds(10));
                assertEquals(List.of(new TestSubscriber.Message("fleet/1/telemetry", "hi")), got);
            }
        }
        try (Stream<Path> files = Files.list(cwd)) {
            assertEquals(before, files.sorted().toList(), "an in-memory broker writes nothing in the working directory");
        }
    }

    @Test
    void a_port_in_use_is_a_clear_error() {
        // it logs the BindException, trace and all
        ch.qos.logback.classic.Logger acceptor = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.moquette.broker.NewNettyAcceptor");
        ch.qos.logback.classic.Level level = acceptor.getLevel();
        acceptor.setLevel(ch.qos.logback.classic.Level.OFF);
        try (EmbeddedBroker first = EmbeddedBroker.inMemory()) {
            PrognosException e = assertThrows(PrognosException.class, () -> EmbeddedBroker.inMemory(first.port()));
            assertTrue(e.getMessage().startsWith("cannot start the embedded MQTT broker on 127.0.0.1:" + first.port()), e.getMessage());
        } finally {
            acceptor.setLevel(level);
        }
    }
}
