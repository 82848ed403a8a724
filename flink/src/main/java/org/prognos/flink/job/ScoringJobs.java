package org.prognos.flink.job;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.prognos.flink.kafka.DeviceRecord;
import org.prognos.flink.kafka.KafkaConfig;
import org.prognos.flink.kafka.KafkaScoring;
import org.prognos.flink.mqtt.MqttBroker;
import org.prognos.flink.mqtt.MqttSink;
import org.prognos.flink.mqtt.MqttSource;
import org.prognos.flink.score.AssetWindow;

/**
 * A {@link JobConfig} made into a job graph, in two halves so that a test can put a step between them: the source's
 * windows, and the scoring ({@link ScoringJob}) with its sinks. {@link Main} joins them. Each half has a case per
 * transport, MQTT ({@code org.prognos.flink.mqtt}) or Kafka ({@code org.prognos.flink.kafka}); the scoring between
 * them is one and the same.
 *
 * <p>Bad messages go to the source's dead-letter topic as the service's {@code DeadLetter} document, whichever the
 * transport: the MQTT source publishes them itself; a Kafka source's are written by a Kafka sink, together with the
 * windows the keyed state did not apply ({@code out_of_order}: a record sent twice, say).
 */
public final class ScoringJobs {
    /** The MQTT source operator's uid (kept stable for savepoints); the Kafka one's is {@link KafkaScoring#SOURCE_UID}. */
    public static final String SOURCE_UID = "prognos-mqtt-source";

    private ScoringJobs() {
    }

    /** The windows the configured source reads. */
    public static DataStream<AssetWindow> windows(StreamExecutionEnvironment env, JobConfig config) {
        JobConfig.Source s = config.source();
        if (s.type().equals("kafka")) {
            return kafkaWindows(env, config, KafkaScoring.source(config.kafkaConfig()).build());
        }
        MqttSource source = new MqttSource(config.mqtt().broker(), s.mqttSubscriptions(), s.deadLetterTopic(), s.sharedGroup());
        return env.fromSource(source, WatermarkStrategy.noWatermarks(), "mqtt " + s.subscriptions().size() + " subscriptions")
                .setParallelism(s.parallelism()).uid(SOURCE_UID);
    }

    /**
     * The windows a Kafka source of {@code config} reads from {@code source}: the configured one
     * ({@link KafkaScoring#source}), or the same bounded to the offsets of now, to replay a topic and stop. Records that
     * cannot be read go to the configured dead-letter topic.
     */
    public static DataStream<AssetWindow> kafkaWindows(StreamExecutionEnvironment env, JobConfig config,
                                                       KafkaSource<DeviceRecord> source) {
        KafkaConfig kafka = config.kafkaConfig();
        DataStream<DeviceRecord> records = env.fromSource(source, WatermarkStrategy.noWatermarks(), "kafka " + kafka.readingsTopic())
                .setParallelism(config.source().parallelism()).uid(KafkaScoring.SOURCE_UID);
        KafkaScoring.Devices devices = KafkaScoring.read(records, kafka.format());
        devices.deadLetters().sinkTo(KafkaScoring.deadLetters(kafka)).uid("prognos-kafka-dead-letters")
                .name("dead letters to kafka " + kafka.deadLetterTopic());
        return devices.windows();
    }

    /** Scores {@code windows} and sends scores and alerts where the config says. */
    public static ScoringJob.Outputs scoreAndDeliver(DataStream<AssetWindow> windows, JobConfig config) {
        ScoringJob.Outputs out = ScoringJob.score(windows, config.scoring());
        if (config.sinks().type().equals("kafka")) {
            KafkaConfig kafka = config.kafkaConfig();
            out.scores().sinkTo(KafkaScoring.scores(kafka)).name("scores to kafka " + kafka.scoresTopic()).uid("prognos-kafka-scores");
            out.alerts().sinkTo(KafkaScoring.alerts(kafka)).name("alerts to kafka " + kafka.alertsTopic()).uid("prognos-kafka-alerts");
        } else {
            MqttBroker broker = config.mqtt().broker();
            out.scores().sinkTo(MqttSink.scores(broker, config.sinks().scoreTopic())).name("scores to mqtt").uid("prognos-mqtt-scores");
            out.alerts().sinkTo(MqttSink.alerts(broker, config.sinks().alertTopic())).name("alerts to mqtt").uid("prognos-mqtt-alerts");
        }
        if (config.source().type().equals("kafka")) {
            KafkaConfig kafka = config.kafkaConfig();
            out.rejected().map(KafkaScoring::outOfOrder).name("out of order")
                    .sinkTo(KafkaScoring.deadLetters(kafka)).uid("prognos-kafka-out-of-order")
                    .name("out of order to kafka " + kafka.deadLetterTopic());
        }
        if (config.sinks().webhook() != null) {
            out.alerts().sinkTo(config.sinks().webhook().sink()).name("alerts to webhook").uid("prognos-webhook-alerts");
        }
        return out;
    }

    /** The whole job of {@code config} on {@code env}. */
    public static ScoringJob.Outputs build(StreamExecutionEnvironment env, JobConfig config) {
        return scoreAndDeliver(windows(env, config), config);
    }

    /** An environment with the config's checkpoints (RocksDB, incremental). */
    public static StreamExecutionEnvironment environment(JobConfig config) {
        return StreamExecutionEnvironment.getExecutionEnvironment(
                ScoringJob.checkpointing(config.checkpoints().directory(), config.checkpoints().duration()));
    }
}
