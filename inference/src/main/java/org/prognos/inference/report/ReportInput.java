package org.prognos.inference.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.LongConsumer;
import org.prognos.features.InvalidSpecException;
import org.prognos.features.extract.FeatureExtractor;
import org.prognos.features.extract.RowSink;
import org.prognos.features.scan.AssetScan;
import org.prognos.features.scan.FleetScan;
import org.prognos.features.scan.ScanJson;
import org.prognos.features.telemetry.Dataset;

/**
 * Where a report's per-asset scans come from: a dataset's history scanned here, or scans already taken elsewhere
 * (the Spark job's {@code --report-input}) with the same {@link FleetScan}. Everything after the scans, scoring,
 * ranking, explaining and writing, is the one {@link FleetReport} path either way.
 */
public sealed interface ReportInput {
    /** What the report names as its data: the telemetry's name, or the scans' path. */
    String source();

    /** The scans of every asset with readings (before {@code asOf} when given), sorted by asset. */
    List<AssetScan> scan(FeatureExtractor ex, OptionalLong asOf, int threads, LongConsumer progress) throws IOException;

    /**
     * As {@link #scan(FeatureExtractor, OptionalLong, int, LongConsumer)}, also handing {@code rows} every feature row
     * of every asset's whole stream (one asset's in time order): what a model scored adaptively needs.
     *
     * @throws InvalidSpecException when the input holds only each asset's latest window, without the scores of its
     *                              whole stream
     */
    List<AssetScan> scan(FeatureExtractor ex, OptionalLong asOf, int threads, LongConsumer progress, RowSink rows)
            throws IOException;

    /** A dataset's history, scanned here through the service's per-asset state. */
    record History(Dataset data) implements ReportInput {
        @Override
        public String source() {
            return data.telemetry().name();
        }

        @Override
        public List<AssetScan> scan(FeatureExtractor ex, OptionalLong asOf, int threads, LongConsumer progress)
                throws IOException {
            return FleetScan.run(ex, data, asOf, threads, progress);
        }

        @Override
        public List<AssetScan> scan(FeatureExtractor ex, OptionalLong asOf, int threads, LongConsumer progress, RowSink rows)
                throws IOException {
            return FleetScan.run(ex, data, asOf, threads, progress, rows);
        }
    }

    /**
     * Scans in {@link ScanJson}'s form at {@code path} (a file or a directory of part files), taken with the model's
     * own feature spec at each asset's latest reading.
     */
    record Scanned(Path path) implements ReportInput {
        @Override
        public String source() {
            return "scans " + path;
        }

        /** @throws InvalidSpecException with an as-of time: the scans were taken at their own times */
        @Override
        public List<AssetScan> scan(FeatureExtractor ex, OptionalLong asOf, int threads, LongConsumer progress)
                throws IOException {
            if (asOf.isPresent()) {
                throw new InvalidSpecException("--as-of cannot move scans already taken (" + path
                        + "); scan the fleet as of that time instead");
            }
            return ScanJson.read(path, ex.spec().hash());
        }

        /**
         * The scans, each of which must carry what a scorer of its asset's whole stream computed ({@code StreamScores}:
         * the Spark job's report input written with a model scored adaptively); {@code rows} gets nothing.
         *
         * @throws InvalidSpecException when a scan holds only its asset's latest window
         */
        @Override
        public List<AssetScan> scan(FeatureExtractor ex, OptionalLong asOf, int threads, LongConsumer progress, RowSink rows)
                throws IOException {
            List<AssetScan> scans = scan(ex, asOf, threads, progress);
            for (AssetScan s : scans) {
                if (s.stream().isEmpty()) {
                    throw new InvalidSpecException("the model is scored adaptively, against each asset's whole stream; the"
                            + " scan of asset " + s.asset() + " in " + path + " holds only its latest window: report from the"
                            + " history (--data), or write the report input with this model (the Spark ScoreJob's"
                            + " --report-input carries each asset's adaptive score)");
                }
            }
            return scans;
        }
    }
}
