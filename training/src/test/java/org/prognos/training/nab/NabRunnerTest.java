package org.prognos.training.nab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.features.InvalidSpecException;
import org.prognos.features.spec.SpecJson;
import org.prognos.models.anomaly.context.ContextRange;
import org.prognos.models.anomaly.AdaptiveScorer;
import org.prognos.models.anomaly.AnomalyModel;
import org.prognos.models.anomaly.ContextBlend;
import org.prognos.models.anomaly.ContextMember;
import org.prognos.models.anomaly.context.ContextScorer;
import org.prognos.models.anomaly.context.ContextSettings;
import org.prognos.models.anomaly.context.ForgettingContextScorer;
import org.prognos.models.anomaly.context.WideningContextScorer;

/**
 * The NAB runner on a bundled NAB file (the machine-temperature series, whose one repeated hour the stream keeps):
 * record-by-record extraction gives the same bits as the batch extractor, and the result file is in NAB's format
 * with NAB's probationary period. The full benchmark is {@code benchmarks/nab/run.sh}, not a test.
 */
class NabRunnerTest {
    static final Path NAB = Path.of("../notebooks-data/nab").toAbsolutePath().normalize();
    static final Path SPEC = Path.of("../notebooks-data/specs/nab-value-lags.json").toAbsolutePath().normalize();
    static final String MACHINE = "realKnownCause/machine_temperature_system_failure.csv";

    @TempDir
    Path dir;

    @Test
    void streaming_scores_equal_batch_scores_bit_for_bit_for_every_detector_on_features() throws IOException {
        NabRunner runner = new NabRunner(SpecJson.read(SPEC), 42);
        NabSeries series = NabSeries.read(NAB.resolve("data"), MACHINE);
        for (NabDetector d : extracting()) {
            double[] streaming = runner.score(series, d, NabRunner.Extraction.STREAMING);
            double[] batch = runner.score(series, d, NabRunner.Extraction.BATCH);
            assertArrayEquals(batch, streaming, 0.0, d.name());
            assertTrue(Arrays.stream(streaming).anyMatch(s -> s > 0.5), d.name() + " never scores above 0.5: not a real run");
        }
    }

    /**
     * The detectors whose scores rest on extracted features, where streaming and batch extraction could differ: every
     * family scored alone, and the best blend (the blends share the online neighbours' rows; the contextual and
     * spectral members read the raw value, not features), and the blend whose contextual member is given the file's
     * range. All of them twice over took minutes on a loaded machine.
     */
    private static List<NabDetector> extracting() {
        List<NabDetector> out = new ArrayList<>(NabDetectors.all().stream()
                .filter(d -> d.blend() == NabDetector.Blend.ADAPTIVE).toList());
        out.add(NabDetectors.named("prognosKnnContextWiden50Corroborated"));
        out.add(NabDetectors.named("prognosKnnContextGivenRange"));
        out.add(NabDetectors.named("prognosKnnContextForget2000"));   // the product's member, inside AdaptiveScorer
        out.add(NabDetectors.named("prognosKnnContextForecast2000"));   // and the forecast member, on feature rows
        out.add(NabDetectors.named("prognosKnnContextStuck2000"));   // and the stuck-value check, on feature rows
        return out;
    }

    @Test
    void the_result_file_has_nab_columns_one_row_per_record_and_zero_in_the_probation() throws IOException {
        NabLabels labels = NabLabels.read(NAB.resolve("labels/combined_windows.json"));
        NabSeries series = NabSeries.read(NAB.resolve("data"), MACHINE);
        assertEquals(22_695, series.size(), "every record, the repeated hour included");
        assertEquals(750, series.probation(), "min(floor(0.15 * 22695), floor(0.15 * 5000))");
        NabRunner runner = new NabRunner(SpecJson.read(SPEC), 42);
        NabDetector d = NabDetectors.named("prognosKnnOnline");
        double[] scores = runner.score(series, d, NabRunner.Extraction.STREAMING);
        Path file = dir.resolve("prognosKnnOnline/realKnownCause/prognosKnnOnline_machine_temperature_system_failure.csv");
        NabRunner.write(series, scores, labels.labels(series), file);

        List<String> lines = Files.readAllLines(file);
        assertEquals("timestamp,value,anomaly_score,label", lines.get(0));
        assertEquals(series.size() + 1, lines.size());
        List<String> input = Files.readAllLines(NAB.resolve("data").resolve(MACHINE));
        int inWindows = 0;
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",");
            assertEquals(4, cells.length, lines.get(i));
            assertEquals(input.get(i).split(",")[0], cells[0], "timestamps in file order");
            assertEquals(Double.parseDouble(input.get(i).split(",")[1]), Double.parseDouble(cells[1]));
            double s = Double.parseDouble(cells[2]);
            assertTrue(s >= 0 && s <= 1, lines.get(i));
            if (i - 1 < series.probation()) {
                assertEquals(0.0, s, "probation rows score 0");
            }
            inWindows += Integer.parseInt(cells[3]);
        }
        // 4 windows, 10 % of the file in all, both ends included
        assertEquals(2_268, inWindows, "as pandas counts them on NAB's windows");
    }

    @Test
    void the_contextual_detector_learns_its_range_on_the_probation_only_and_runs_the_product_scorer() throws IOException {
        NabRunner runner = new NabRunner(SpecJson.read(SPEC), 42);
        NabSeries series = NabSeries.read(NAB.resolve("data"), MACHINE);
        double[] scores = runner.score(series, NabDetectors.named("prognosContext"), NabRunner.Extraction.STREAMING);
        // the same scores from a scorer given only the probation's values up front: nothing later was looked at
        double[] values = series.values();
        int p = series.probation();
        ContextScorer scorer = ContextScorer.learnedFrom(Arrays.copyOf(values, p), p);
        for (int i = 0; i < values.length; i++) {
            double s = scorer.next(values[i]);
            assertEquals(i < p ? 0.0 : s, scores[i], 0.0, "row " + i);
        }
    }

    @Test
    void the_widening_contextual_range_reads_nothing_beyond_the_latest_value() throws IOException {
        NabRunner runner = new NabRunner(SpecJson.read(SPEC), 42);
        NabSeries series = NabSeries.read(NAB.resolve("data"), MACHINE);
        double[] scores = runner.score(series, NabDetectors.named("prognosContextWiden50"), NabRunner.Extraction.STREAMING);
        // the same scores from a scorer given only the probation's values up front, then fed one value at a time
        double[] values = series.values();
        int p = series.probation();
        WideningContextScorer scorer = WideningContextScorer.learnedFrom(Arrays.copyOf(values, p), p, 0.5);
        for (int i = 0; i < values.length; i++) {
            double s = scorer.next(values[i]);
            assertEquals(i < p ? 0.0 : s, scores[i], 0.0, "row " + i);
        }
        assertTrue(scorer.rebuilds() > 0, "the machine's failure leaves the probation's range: the range must move");
    }

    @Test
    void the_forgetting_contextual_members_read_nothing_beyond_the_latest_value_and_stay_bounded() throws IOException {
        NabSeries series = NabSeries.read(NAB.resolve("data"), MACHINE);
        double[] values = series.values();
        int p = series.probation();
        for (String name : List.of("prognosKnnContextForget2000", "prognosKnnContextFollow2000", "prognosKnnContextOpen2000")) {
            NabDetector.ContextRule.Forgetting rule = (NabDetector.ContextRule.Forgetting) NabDetectors.named(name).context();
            java.util.function.DoubleUnaryOperator runner = rule.start(values, p, series.harnessRange());
            // the same scores from a scorer given only the probation's values up front, then fed one value at a time
            ForgettingContextScorer scorer = ForgettingContextScorer.learnedFrom(Arrays.copyOf(values, p), p,
                    rule.margin(), rule.memory(), rule.range());
            for (int i = 0; i < values.length; i++) {
                assertEquals(scorer.next(values[i]), runner.applyAsDouble(values[i]), 0.0, name + " row " + i);
                assertTrue(scorer.rowsRemembered() <= 2 * rule.memory(), name + " row " + i);
            }
            boolean open = rule.range() == ForgettingContextScorer.Range.OPEN;
            assertEquals(open, scorer.rebuilds() == 0, name + ": the machine's failure leaves the probation's range,"
                    + " which moves unless the bins are open (" + scorer.rebuilds() + " moves)");
        }
    }

    @Test
    void the_given_range_member_is_the_forgetting_scorer_on_the_files_min_and_max() throws IOException {
        NabSeries series = NabSeries.read(NAB.resolve("data"), MACHINE);
        double[] values = series.values();
        int p = series.probation();
        NabDetector.ContextRule.Given rule = (NabDetector.ContextRule.Given) NabDetectors.named("prognosKnnContextGivenRange")
                .context();
        assertEquals(new ContextRange(Arrays.stream(values).min().orElseThrow(), Arrays.stream(values).max().orElseThrow()),
                series.harnessRange(), "the file's min and max, as NAB's base.py gives every detector");
        java.util.function.DoubleUnaryOperator runner = rule.start(values, p, series.harnessRange());
        ForgettingContextScorer scorer = ForgettingContextScorer.givenRange(series.harnessRange(), rule.memory(),
                ContextSettings.forLearningPeriod(p));
        for (int i = 0; i < values.length; i++) {
            assertEquals(scorer.next(values[i]), runner.applyAsDouble(values[i]), 0.0, "row " + i);
        }
        assertEquals(0, scorer.rebuilds(), "no value leaves the file's own range");
    }

    @Test
    void the_given_range_detector_reads_nothing_ahead_but_the_files_min_and_max() throws IOException {
        // real values (machine temperature's first 6,000 rows), their tail after row 4,000 reversed: the later values
        // change, their min and max do not; and the same with the last value raised above the max (the edge case)
        NabSeries real = NabSeries.read(NAB.resolve("data"), MACHINE);
        int n = 6000;
        int change = 4000;
        double[] values = Arrays.copyOf(real.values(), n);
        double[] reversed = values.clone();
        for (int i = change; i < n; i++) {
            reversed[i] = values[n - 1 - (i - change)];
        }
        double[] raised = reversed.clone();
        raised[n - 1] = Arrays.stream(values).max().orElseThrow() + 10;
        NabRunner runner = new NabRunner(SpecJson.read(SPEC), 42);
        NabDetector given = NabDetectors.named("prognosKnnContextGivenRange");
        NabDetector causal = NabDetectors.named("prognosKnnContextForget2000");
        double[] a = runner.score(truncated(real, values), given, NabRunner.Extraction.STREAMING);
        double[] b = runner.score(truncated(real, reversed), given, NabRunner.Extraction.STREAMING);
        double[] c = runner.score(truncated(real, raised), given, NabRunner.Extraction.STREAMING);
        assertEquals(truncated(real, values).harnessRange(), truncated(real, reversed).harnessRange());
        assertArrayEquals(Arrays.copyOf(a, change), Arrays.copyOf(b, change), 0.0, "same min and max, same past");
        assertTrue(!Arrays.equals(Arrays.copyOfRange(a, change, n), Arrays.copyOfRange(b, change, n)),
                "the changed values must change the later scores: not a real run");
        assertTrue(!Arrays.equals(Arrays.copyOf(b, change), Arrays.copyOf(c, change)),
                "a new max moves the given range, so earlier scores change: the one thing it reads ahead");
        double[] causalB = runner.score(truncated(real, reversed), causal, NabRunner.Extraction.STREAMING);
        double[] causalC = runner.score(truncated(real, raised), causal, NabRunner.Extraction.STREAMING);
        assertArrayEquals(Arrays.copyOf(causalB, n - 1), Arrays.copyOf(causalC, n - 1), 0.0,
                "the causal blend reads nothing ahead, not even the max");
    }

    /** {@code real}'s first {@code values.length} records with {@code values} instead of its own. */
    private static NabSeries truncated(NabSeries real, double[] values) {
        int n = values.length;
        return new NabSeries(real.key(), real.timestamps().subList(0, n), values, Arrays.copyOf(real.times(), n));
    }

    @Test
    void the_forgetting_blend_runs_the_products_member_and_equals_the_runners_own_blend() throws IOException {
        NabRunner runner = new NabRunner(SpecJson.read(SPEC), 42);
        NabSeries series = NabSeries.read(NAB.resolve("data"), MACHINE);
        double[][] rows = runner.rows(series, NabRunner.Extraction.STREAMING);
        int p = series.probation();
        assertForgettingBlend(runner, series, rows, "prognosKnnContextForget2000",
                latest -> new ContextMember(latest, 2000, 0.5, p));
        assertForgettingBlend(runner, series, rows, "prognosKnnContextOpen2000",
                latest -> ContextMember.openBins(latest, 2000, 0.5, p));
    }

    /**
     * The detector {@code name} runs the member {@code memberOf} makes of the latest value's column inside
     * {@link AdaptiveScorer}, and its scores equal the runner's blend computed by hand: neighbours' steps, a
     * stand-alone forgetting scorer started on the probation, the blend.
     */
    private static void assertForgettingBlend(NabRunner runner, NabSeries series, double[][] rows, String name,
                                              java.util.function.Function<String, ContextMember> memberOf)
            throws IOException {
        int p = series.probation();
        NabDetector forget = NabDetectors.named(name);
        AnomalyModel model = runner.fit(series, forget, rows);
        ContextMember member = model.adaptive().orElseThrow().context().orElseThrow();
        assertEquals(memberOf.apply(model.columns().get(model.columns().size() - 1)), member, name);
        for (int i = 0; i < rows.length; i++) {
            assertEquals(series.values()[i], rows[i][model.columns().indexOf(member.column())], 0.0,
                    "the member's column is the latest value, row " + i);
        }
        // the runner's blend as it was computed before the member existed: neighbours' steps, a stand-alone
        // forgetting scorer started on the probation, and the blend by hand
        AdaptiveScorer.Step[] knn = AdaptiveScorer.scoreAll(model, forget.adaptive(), rows);
        java.util.function.DoubleUnaryOperator context = forget.context().start(series.values(), p, series.harnessRange());
        double[] expected = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            double c = context.applyAsDouble(series.values()[i]);
            expected[i] = i < p ? 0 : ContextBlend.corroborated(knn[i].score(), knn[i].likelihood(), c,
                    ContextSettings.forLearningPeriod(p).threshold(), forget.adaptive().alarmLevel());
        }
        double[] scored = runner.score(series, forget, NabRunner.Extraction.STREAMING);
        assertArrayEquals(expected, scored, 0.0, name);
        double[] knnOnly = runner.score(series, NabDetectors.named("prognosKnnOnline"), NabRunner.Extraction.STREAMING);
        assertTrue(!Arrays.equals(knnOnly, scored), name + ": the member changes some scores");
    }

    @Test
    void the_corroborated_blend_keeps_a_contextual_score_only_where_the_neighbours_agree() throws IOException {
        NabRunner runner = new NabRunner(SpecJson.read(SPEC), 42);
        NabSeries series = NabSeries.read(NAB.resolve("data"), MACHINE);
        double[] knn = runner.score(series, NabDetectors.named("prognosKnnOnline"), NabRunner.Extraction.STREAMING);
        double[] plain = runner.score(series, NabDetectors.named("prognosKnnContextWiden50"), NabRunner.Extraction.STREAMING);
        double[] corroborated = runner.score(series, NabDetectors.named("prognosKnnContextWiden50Corroborated"),
                NabRunner.Extraction.STREAMING);
        int dropped = 0;
        for (int i = 0; i < knn.length; i++) {
            assertTrue(corroborated[i] >= knn[i] && corroborated[i] <= plain[i], "row " + i);
            dropped += corroborated[i] < plain[i] ? 1 : 0;
        }
        assertTrue(dropped > 0, "corroboration never dropped a contextual score");
    }

    @Test
    void the_larger_blend_is_the_row_wise_max_and_both_detectors_contribute() throws IOException {
        NabRunner runner = new NabRunner(SpecJson.read(SPEC), 42);
        NabSeries series = NabSeries.read(NAB.resolve("data"), MACHINE);
        double[] knn = runner.score(series, NabDetectors.named("prognosKnnOnline"), NabRunner.Extraction.STREAMING);
        double[] context = runner.score(series, NabDetectors.named("prognosContext"), NabRunner.Extraction.STREAMING);
        double[] both = runner.score(series, NabDetectors.named("prognosKnnContext"), NabRunner.Extraction.STREAMING);
        int fromKnn = 0;
        int fromContext = 0;
        for (int i = 0; i < both.length; i++) {
            assertEquals(Math.max(knn[i], context[i]), both[i], 0.0, "row " + i);
            fromKnn += knn[i] > context[i] ? 1 : 0;
            fromContext += context[i] > knn[i] ? 1 : 0;
        }
        assertTrue(fromKnn > 0 && fromContext > 0, "knn larger on " + fromKnn + " rows, context on " + fromContext);
    }

    @Test
    void probation_is_fifteen_percent_capped_at_750_records() {
        assertEquals(150, series(1000).probation());
        assertEquals(749, series(4999).probation(), "floor(0.15 * 4999)");
        assertEquals(750, series(6000).probation());
    }

    private static NabSeries series(int n) {
        return new NabSeries("a/b.csv", Collections.nCopies(n, "t"), new double[n], new long[n]);
    }

    @Test
    void a_spec_of_another_channel_is_refused_naming_the_channels() throws IOException {
        String json = Files.readString(SPEC).replace("\"value\"", "\"temp\"");
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> new NabRunner(SpecJson.parse(json, "temp spec"), 42));
        assertEquals("a NAB spec reads one channel 'value', this one reads [temp]", e.getMessage());
    }

    @Test
    void an_unknown_detector_name_lists_the_known_ones() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> NabDetectors.named("htm"));
        assertEquals("no NAB detector 'htm'; expected one of [prognosKnnOnline, prognosContext, prognosKnnContext, "
                        + "prognosKnnContextAligned, prognosContextWiden50, prognosKnnContextWiden50, prognosContextWiden100, "
                        + "prognosKnnContextWiden100, prognosKnnContextWiden50Corroborated, prognosKnnContextForget2000, "
                        + "prognosKnnContextForecast2000, prognosKnnContextStuck2000, prognosKnnContextOpen2000, prognosKnnContextFollow2000, prognosKnnContextGivenRange, prognosKnnContextWiden50Spectral, "
                        + "prognosSpectral, prognosKnn, prognosPca, prognosZscore]",
                e.getMessage());
    }
}
