package org.prognos.flink.job;

import java.time.Duration;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.prognos.flink.score.AlertEvent;
import org.prognos.flink.score.AssetScoring;
import org.prognos.flink.score.AssetWindow;
import org.prognos.flink.score.ScoreRow;
import org.prognos.flink.score.ScoringConfig;

/**
 * The scoring job's graph: device messages keyed by asset through {@link AssetScoring}; what comes out is scores,
 * alert changes and the windows not applied. Sources and sinks are the caller's.
 *
 * <pre>
 * ScoringJob.Outputs out = ScoringJob.score(windows, ScoringConfig.defaults(source, attributes));
 * out.alerts().sinkTo(...);
 * </pre>
 */
public final class ScoringJob {
    /** The keyed operator's uid: savepoints and checkpoints find its state by it. */
    public static final String UID = "prognos-asset-scoring";

    private ScoringJob() {
    }

    /**
     * The streams the job emits.
     *
     * @param scores   every scored row
     * @param alerts   alerts opened and closed (at least once; de-duplicate by {@link AlertEvent#deliveryKey()})
     * @param rejected windows not applied: a reading not after the asset's last one
     */
    public record Outputs(DataStream<ScoreRow> scores, DataStream<AlertEvent> alerts, DataStream<AssetWindow> rejected) {
    }

    /** Keys {@code windows} by asset and scores them. */
    public static Outputs score(DataStream<AssetWindow> windows, ScoringConfig config) {
        SingleOutputStreamOperator<ScoreRow> scores = windows.keyBy(AssetWindow::asset)
                .transform("score assets", TypeInformation.of(ScoreRow.class), new AssetScoring(config)).uid(UID);
        return new Outputs(scores, scores.getSideOutput(AssetScoring.ALERTS), scores.getSideOutput(AssetScoring.REJECTED));
    }

    /**
     * RocksDB state with incremental checkpoints every {@code interval} to {@code directory} (a URI every task manager
     * reaches: {@code file:///...} on one machine, {@code s3://...} on a cluster).
     */
    public static Configuration checkpointing(String directory, Duration interval) {
        Configuration conf = new Configuration();
        conf.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, directory);
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, interval);
        return conf;
    }
}
