package org.prognos.cli.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prognos.features.extract.FeatureExtractor;
import org.prognos.features.extract.FeatureTable;
import org.prognos.features.io.Datasets;
import org.prognos.features.spec.SpecJson;
import org.prognos.features.telemetry.Dataset;
import org.prognos.models.anomaly.AdaptiveScorer;
import org.prognos.models.anomaly.AdaptiveScoring;
import org.prognos.models.anomaly.AnomalyModel;
import org.prognos.models.anomaly.AnomalyScoring;
import org.prognos.models.anomaly.ColumnScaling;
import org.prognos.models.anomaly.ScoreCalibration;
import org.prognos.models.anomaly.ZScoreDetector;
import org.prognos.models.batch.AdaptiveSteps;
import org.prognos.models.batch.StreamedSteps;

/**
 * The second pass of {@code prognos score --every/--as-of/--last} for an adaptive model streams the spec's rows
 * through the scorers instead of holding them: on three bundled Azure machines (the Azure guide spec, a row every
 * 3 h) the streamed steps equal, record for record, the steps of the held spec table ({@link AdaptiveSteps#at} of
 * {@link AdaptiveSteps#of}, what the pass computed before), on one lane and three, while the pass holds no spec row
 * (the held path holds them all) and its scorers hold less than a tenth of the bytes of the table they replace. The
 * model is a z-score detector fitted here on those rows (the answers' equality to the service is
 * {@code AdaptiveScoreTest}'s; this test is about the pass).
 */
class ServedStepsTest {
    static final Path DATA = Path.of("../notebooks-data").toAbsolutePath().normalize();
    static final long HOUR = 3_600_000_000L;

    static FeatureExtractor ex;
    static Dataset machines;
    static FeatureTable spec;
    static AnomalyModel served;

    @BeforeAll
    static void load() throws IOException {
        ex = new FeatureExtractor(SpecJson.read(DATA.resolve("specs/azure-guide.json")));
        machines = AssetFilter.parse("51,57,63").apply(Datasets.open(DATA.resolve("azure-pdm"), null));
        spec = Probes.rows(ex, machines, new RowSelection.SpecRows(), 1, n -> { }).rows();
        double[][] rows = new double[spec.size()][];
        Arrays.setAll(rows, spec::row);
        int width = spec.columns().size();
        ColumnScaling scaling = ColumnScaling.fit(rows, width);
        ZScoreDetector detector = new ZScoreDetector(width);
        double[] raw = Arrays.stream(rows).mapToDouble(x -> detector.score(scaling.apply(x), new double[width])).toArray();
        served = AnomalyModel.of(spec.columns(), scaling, detector, ScoreCalibration.fit(raw, 0.01))
                .withScoring(new AnomalyScoring.Adaptive(AdaptiveScoring.likelihood()));
    }

    @Test
    void streamed_steps_equal_the_held_tables_on_a_grid_at_a_time_and_at_the_last_reading() throws IOException {
        AdaptiveScorer.Step[] all = AdaptiveSteps.of(served, spec);
        long middle = spec.time(spec.size() / 2);
        List<RowSelection> selections = List.of(new RowSelection.Grid(24 * HOUR, 0), new RowSelection.Grid(7 * HOUR, 0),
                new RowSelection.AsOf(middle), new RowSelection.Last());
        for (RowSelection selection : selections) {
            FeatureTable written = Probes.rows(ex, machines, selection, 1, n -> { }).rows();
            AdaptiveScorer.Step[] held = AdaptiveSteps.at(all, spec, written);
            for (int threads : new int[] {1, 3}) {
                ServedSteps streamed = ServedSteps.of(served, ex, machines, selection, written, threads);
                assertArrayEquals(held, streamed.steps(), selection + " on " + threads + " lane(s)");
                assertEquals(spec.size(), streamed.specRows(), "every spec row reached a scorer");
            }
            assertTrue(Arrays.stream(held).anyMatch(s -> s.score() > 0) || selection instanceof RowSelection.AsOf,
                    selection + ": past the warm-up, a real comparison");
        }
    }

    @Test
    void the_streamed_pass_holds_no_spec_row_and_its_scorers_less_than_a_tenth_of_the_table() throws IOException {
        RowSelection grid = new RowSelection.Grid(24 * HOUR, 0);
        FeatureTable written = Probes.rows(ex, machines, grid, 1, n -> { }).rows();
        ServedSteps streamed = ServedSteps.of(served, ex, machines, grid, written, 1);
        int oneAsset = spec.rowsByAsset().values().stream().mapToInt(r -> r.length).max().orElseThrow();
        assertTrue(streamed.mostRowsHeld() <= oneAsset, "held " + streamed.mostRowsHeld() + " spec rows at once, more than"
                + " one machine's " + oneAsset + " (" + spec.size() + " in all)");
        assertEquals(0, streamed.mostRowsHeld(), "each spec row goes to its scorer as it comes");
        ServedSteps own = ServedSteps.of(served, ex, machines, new RowSelection.SpecRows(), spec, 1);
        assertEquals(spec.size(), own.mostRowsHeld(), "the spec's own rows are the written table, held");

        StreamedSteps stream = new StreamedSteps(served, written);
        spec.rowsByAsset().values().forEach(rows -> Arrays.stream(rows).forEach(i -> stream.row(spec.asset(i),
                spec.time(i), spec.row(i))));
        long tableBytes = 8L * spec.size() * spec.columns().size();
        assertTrue(10 * stream.scorerBytes() < tableBytes, "the scorers hold " + stream.scorerBytes() + " bytes, the"
                + " spec table " + tableBytes);
    }
}
