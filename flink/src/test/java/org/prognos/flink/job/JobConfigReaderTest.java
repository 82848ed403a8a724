package org.prognos.flink.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.features.InvalidSpecException;

/**
 * The job config a user submits: the README's example reads as written; a mistake is refused naming the file, the line
 * and column, and what is wrong.
 */
class JobConfigReaderTest {
    private static final String GOOD = """
            model:
              registry: /models
              reference: azure-24h@production
            mqtt:
              url: tcp://broker:1883
              clientId: prognos-flink
              username: prognos
              passwordEnv: MQTT_PASSWORD
            source:
              type: mqtt
              subscriptions:
                - {topic: "devices/{asset}/readings", format: json}
                - {topic: "spBv1.0/plant-1/#", format: sparkplug}
              deadLetterTopic: prognos/dead-letter
            sinks:
              type: mqtt
              scoreTopic: "prognos/scores/{asset}"
              alertTopic: "prognos/alerts/{asset}"
            checkpoints:
              directory: file:///tmp/prognos-checkpoints
              interval: 30s
            alerts: {consecutive: 2, hysteresis: 0.1}
            attributes:
              "3": {model: model3, age: "18"}
            """;

    @TempDir
    Path dir;

    @Test
    void the_readme_example_reads_as_written() throws IOException {
        JobConfig c = JobConfigReader.read(write(GOOD));
        assertEquals("azure-24h@production", c.scoring().model().reference());
        assertEquals(2, c.scoring().consecutive());
        assertEquals(Duration.ofSeconds(30), c.checkpoints().duration());
        assertEquals(2, c.source().mqttSubscriptions().size());
        assertEquals("prognos-flink", c.mqtt().broker().clientId());
        assertEquals("18", c.attributes().get("3").get("age"));
    }

    @Test
    void an_unknown_key_names_its_line_column_and_the_likely_key() throws IOException {
        Path file = write(GOOD.replace("  subscriptions:", "  subscription:"));
        String m = assertThrows(InvalidSpecException.class, () -> JobConfigReader.read(file)).getMessage();
        assertTrue(m.startsWith(file.toAbsolutePath().toString() + ": line 11, column 3"), m);
        assertTrue(m.contains("'subscription'") && m.contains("did you mean 'subscriptions'"), m);
    }

    @Test
    void a_bad_value_names_the_file_line_column_and_field() throws IOException {
        Path file = write(GOOD.replace("interval: 30s", "interval: soon"));
        String m = assertThrows(InvalidSpecException.class, () -> JobConfigReader.read(file)).getMessage();
        assertTrue(m.startsWith(file.toAbsolutePath().toString() + ": line "), m);
        assertTrue(m.contains("checkpoints.interval") && m.contains("'soon'"), m);
    }

    @Test
    void kafka_has_its_place_and_says_it_is_not_built() throws IOException {
        Path file = write(GOOD.replace("  type: mqtt\n  subscriptions", "  type: kafka\n  subscriptions"));
        String m = assertThrows(InvalidSpecException.class, () -> JobConfigReader.read(file)).getMessage();
        assertTrue(m.contains("kafka is not in this build"), m);
    }

    @Test
    void settings_that_cannot_work_together_are_refused_with_the_reason() throws IOException {
        Path parallel = write(GOOD.replace("  deadLetterTopic: prognos/dead-letter", "  deadLetterTopic: prognos/dead-letter\n  parallelism: 2"));
        String m = assertThrows(InvalidSpecException.class, () -> JobConfigReader.read(parallel)).getMessage();
        assertTrue(m.contains("source.parallelism 2 needs source.sharedGroup"), m);

        Path twoSecrets = write(GOOD.replace("  alertTopic: \"prognos/alerts/{asset}\"", "  alertTopic: \"prognos/alerts/{asset}\"\n"
                + "  webhook: {url: \"https://ops.example.com/hook\", secretEnv: S, secretFile: /s}"));
        m = assertThrows(InvalidSpecException.class, () -> JobConfigReader.read(twoSecrets)).getMessage();
        assertTrue(m.contains("sinks.webhook: webhook: give one of secretEnv"), m);

        Path noAsset = write(GOOD.replace("\"devices/{asset}/readings\"", "\"devices/readings\""));
        m = assertThrows(InvalidSpecException.class, () -> JobConfigReader.read(noAsset)).getMessage();
        assertTrue(m.contains("must name the asset with {asset}"), m);
    }

    @Test
    void broken_yaml_names_line_and_column() throws IOException {
        Path file = write("model: {registry: /models\nsource: [");
        String m = assertThrows(InvalidSpecException.class, () -> JobConfigReader.read(file)).getMessage();
        assertTrue(m.startsWith(file.toAbsolutePath() + ": "), m);
        assertTrue(m.contains("line ") && m.contains("column "), m);
    }

    private Path write(String text) throws IOException {
        return Files.writeString(dir.resolve("job.yaml"), text);
    }
}
