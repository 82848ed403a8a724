package org.prognos.flink.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.features.InvalidSpecException;
import org.prognos.flink.kafka.DeviceFormat;
import org.prognos.flink.kafka.KafkaConfig;

/**
 * The job config a user submits: the README's examples read as written (the YAML blocks of flink/README.md, and copies
 * here to vary); a mistake is refused naming the file, the line
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

    /** The YAML blocks of flink/README.md, in order: the MQTT config, then the Kafka config. */
    private static List<String> readmeConfigs() throws IOException {
        Matcher m = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(Path.of("README.md")));
        List<String> blocks = new ArrayList<>();
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }

    @Test
    void the_readme_configs_read_as_written_in_the_readme() throws IOException {
        List<String> blocks = readmeConfigs();
        assertEquals(2, blocks.size(), "yaml blocks in flink/README.md");
        JobConfig mqtt = JobConfigReader.read(write(blocks.get(0)));
        assertEquals("mqtt", mqtt.source().type());
        assertEquals(2, mqtt.source().mqttSubscriptions().size());
        assertEquals("https://ops.example.com/prognos", mqtt.sinks().webhook().url());
        JobConfig kafka = JobConfigReader.read(write(blocks.get(1)));
        assertEquals("kafka", kafka.source().type());
        assertEquals("kafka", kafka.sinks().type());
        assertEquals("prognos.readings", kafka.kafkaConfig().readingsTopic());
        assertEquals(3, kafka.source().parallelism());
        assertEquals("WEBHOOK_SECRET", kafka.sinks().webhook().secretEnv());
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

    /** The README's Kafka example, without its comments and webhook. */
    private static final String KAFKA = """
            model:
              registry: /models
              reference: azure-24h@production
            kafka:
              bootstrapServers: kafka-1:9092,kafka-2:9092
              groupId: prognos-scoring
              properties:
                security.protocol: SASL_SSL
                sasl.mechanism: SCRAM-SHA-512
            source:
              type: kafka
              topic: prognos.readings
              format: json
              deadLetterTopic: prognos.dead-letters
              parallelism: 3
            sinks:
              type: kafka
              scoreTopic: prognos.scores
              alertTopic: prognos.alerts
            checkpoints:
              directory: s3://bucket/prognos/checkpoints
              interval: 30s
            """;

    @Test
    void the_readme_kafka_example_reads_as_written() throws IOException {
        JobConfig c = JobConfigReader.read(write(KAFKA));
        KafkaConfig k = c.kafkaConfig();
        assertEquals("kafka-1:9092,kafka-2:9092", k.bootstrapServers());
        assertEquals("prognos.readings", k.readingsTopic());
        assertEquals("prognos-scoring", k.groupId());
        assertEquals(DeviceFormat.JsonReadings.utc(), k.format());
        assertEquals("prognos.scores", k.scoresTopic());
        assertEquals("prognos.alerts", k.alertsTopic());
        assertEquals("prognos.dead-letters", k.deadLetterTopic());
        assertEquals(Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512"), k.clientProperties());
        assertEquals(3, c.source().parallelism());
        assertEquals(null, c.mqtt(), "no broker needed when neither end is mqtt");

        JobConfig sparkplug = JobConfigReader.read(write(KAFKA.replace("format: json", "format: sparkplug")));
        assertEquals(new DeviceFormat.SparkplugB(), sparkplug.kafkaConfig().format());
    }

    @Test
    void kafka_mistakes_name_the_file_line_column_and_field() throws IOException {
        Path template = write(KAFKA.replace("scoreTopic: prognos.scores", "scoreTopic: \"prognos/scores/{asset}\""));
        String m = assertThrows(InvalidSpecException.class, () -> JobConfigReader.read(template)).getMessage();
        assertTrue(m.startsWith(template.toAbsolutePath() + ": line "), m);
        assertTrue(m.contains("column ") && m.contains("sinks.scoreTopic") && m.contains("not a Kafka topic name"), m);

        Path format = write(KAFKA.replace("format: json", "format: avro"));
        m = assertThrows(InvalidSpecException.class, () -> JobConfigReader.read(format)).getMessage();
        assertTrue(m.startsWith(format.toAbsolutePath() + ": line ") && m.contains("column "), m);
        assertTrue(m.contains("source.format must be json or sparkplug, found 'avro'"), m);

        Path noCluster = write(KAFKA.replaceAll("(?s)kafka:\n  bootstrapServers.*?SCRAM-SHA-512\n", ""));
        m = assertThrows(InvalidSpecException.class, () -> JobConfigReader.read(noCluster)).getMessage();
        assertTrue(m.startsWith(noCluster.toAbsolutePath() + ": line "), m);
        assertTrue(m.contains("kafka: the cluster (bootstrapServers) is required"), m);

        Path loop = write(KAFKA.replace("alertTopic: prognos.alerts", "alertTopic: prognos.readings"));
        m = assertThrows(InvalidSpecException.class, () -> JobConfigReader.read(loop)).getMessage();
        assertTrue(m.contains("the job would read what it writes"), m);

        Path mixed = write(KAFKA.replace("  format: json", "  format: json\n  sharedGroup: scoring"));
        m = assertThrows(InvalidSpecException.class, () -> JobConfigReader.read(mixed)).getMessage();
        assertTrue(m.contains("source.sharedGroup is for mqtt"), m);
    }

    @Test
    void an_mqtt_source_may_write_to_kafka() throws IOException {
        JobConfig c = JobConfigReader.read(write(GOOD.replace("""
                sinks:
                  type: mqtt
                  scoreTopic: "prognos/scores/{asset}"
                  alertTopic: "prognos/alerts/{asset}"
                """, """
                kafka: {bootstrapServers: "kafka:9092"}
                sinks: {type: kafka}
                """)));
        assertEquals("prognos.scores", c.sinks().scoreTopic());
        assertEquals("prognos.alerts", c.kafkaConfig().alertsTopic());
        assertEquals(2, c.source().mqttSubscriptions().size());
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
        return JobYaml.write(dir.resolve("job.yaml"), text);
    }
}
