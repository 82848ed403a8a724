package org.prognos.flink.job;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.prognos.flink.mqtt.MqttBroker;
import org.prognos.flink.mqtt.MqttSink;
import org.prognos.flink.mqtt.MqttSource;
import org.prognos.flink.score.AssetWindow;

/**
 * A {@link JobConfig} made into a job graph, in two halves so that a test can put a step between them: the source's
 * windows, and the scoring ({@link ScoringJob}) with its sinks. {@link Main} joins them.
 */
public final class ScoringJobs {
    /** The source operator's uid (kept stable for savepoints). */
    public static final String SOURCE_UID = "prognos-mqtt-source";

    private ScoringJobs() {
    }

    /** The windows the configured source reads. */
    public static DataStream<AssetWindow> windows(StreamExecutionEnvironment env, JobConfig config) {
        JobConfig.Source s = config.source();
        MqttSource source = new MqttSource(config.mqtt().broker(), s.mqttSubscriptions(), s.deadLetterTopic(), s.sharedGroup());
        return env.fromSource(source, WatermarkStrategy.noWatermarks(), "mqtt " + s.subscriptions().size() + " subscriptions")
                .setParallelism(s.parallelism()).uid(SOURCE_UID);
    }

    /** Scores {@code windows} and sends scores and alerts where the config says. */
    public static ScoringJob.Outputs scoreAndDeliver(DataStream<AssetWindow> windows, JobConfig config) {
        ScoringJob.Outputs out = ScoringJob.score(windows, config.scoring());
        MqttBroker broker = config.mqtt().broker();
        out.scores().sinkTo(MqttSink.scores(broker, config.sinks().scoreTopic())).name("scores to mqtt").uid("prognos-mqtt-scores");
        out.alerts().sinkTo(MqttSink.alerts(broker, config.sinks().alertTopic())).name("alerts to mqtt").uid("prognos-mqtt-alerts");
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
