package org.prognos.models.anomaly.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.prognos.PrognosException;

/**
 * The port against the Python original: {@code benchmarks/nab/context/expected_scores.py} ran NAB's
 * {@code context_ose} code on the first 3000 rows of two bundled NAB files and saved its scores; the port must give
 * the same doubles, bit for bit.
 */
class ContextDetectorTest {
    static final Path DATA = Path.of("../notebooks-data/nab/data").toAbsolutePath().normalize();
    static final Path EXPECTED = Path.of("src/test/resources/context");

    @Test
    void scores_equal_the_python_original_with_the_whole_files_range() throws IOException {
        assertSameScores("realKnownCause/nyc_taxi.csv", "nyc_taxi_whole.csv");
    }

    @Test
    void scores_equal_the_python_original_with_values_beyond_a_probation_range() throws IOException {
        int beyond = assertSameScores("realKnownCause/machine_temperature_system_failure.csv",
                "machine_temperature_probation.csv");
        assertTrue(beyond > 0, "the fixture must hold values outside the learned range");
    }

    @Test
    void clipping_keeps_values_inside_the_range() {
        ContextRange range = ContextRange.fit(new double[] {3, 1, Double.NaN, 2});
        assertEquals(new ContextRange(1, 3), range);
        assertEquals(3, range.clip(7));
        assertEquals(1, range.clip(-7));
        assertEquals(2, range.clip(2));
    }

    @Test
    void the_scorer_clips_a_value_beyond_its_learned_range_to_the_edge() throws IOException {
        // the first 1000 machine-temperature values, the range learned on the first 150; then the same stream with
        // every value beyond that range replaced by the edge it passes: the scorer must not tell them apart
        List<String> data = Files.readAllLines(DATA.resolve("realKnownCause/machine_temperature_system_failure.csv"));
        double[] values = new double[1000];
        for (int i = 0; i < values.length; i++) {
            values[i] = Double.parseDouble(data.get(i + 1).split(",")[1]);
        }
        ContextScorer raw = ContextScorer.learnedFrom(values, 150);
        ContextScorer edged = ContextScorer.learnedFrom(values, 150);
        ContextRange range = ContextRange.fit(java.util.Arrays.copyOf(values, 150));
        int beyond = 0;
        for (double v : values) {
            beyond += range.clip(v) != v ? 1 : 0;
            assertEquals(edged.next(range.clip(v)), raw.next(v), 0.0);
        }
        assertTrue(beyond > 0, "the stream must leave the learned range");
        assertEquals(1000, raw.rowsSeen());
    }

    @Test
    void a_constant_range_quantises_with_a_unit_step_as_the_original() {
        ContextDetector d = new ContextDetector(new ContextRange(5, 5), ContextSettings.forLearningPeriod(100));
        for (int i = 0; i < 50; i++) {
            d.score(5);
        }
        assertTrue(d.contexts() > 0);
    }

    @Test
    void rejects_a_non_finite_value_and_bad_settings() {
        ContextDetector d = new ContextDetector(new ContextRange(0, 1), ContextSettings.forLearningPeriod(750));
        PrognosException e = assertThrows(PrognosException.class, () -> d.score(Double.NaN));
        assertTrue(e.getMessage().contains("finite"), e.getMessage());
        PrognosException s = assertThrows(PrognosException.class, () -> new ContextSettings(0.75, 0, 7, 15, 3));
        assertTrue(s.getMessage().contains("rest"), s.getMessage());
        assertThrows(PrognosException.class, () -> new ContextRange(2, 1));
    }

    /** Replays the fixture; returns how many values lay outside its range. */
    private static int assertSameScores(String dataFile, String fixture) throws IOException {
        List<String> expected = Files.readAllLines(EXPECTED.resolve(fixture));
        String[] header = expected.get(1).split(",");
        ContextRange range = new ContextRange(Double.parseDouble(header[0]), Double.parseDouble(header[1]));
        ContextSettings settings = new ContextSettings(0.75, Integer.parseInt(header[2]), 7, 15, 3);
        ContextDetector d = new ContextDetector(range, settings);
        List<String> data = Files.readAllLines(DATA.resolve(dataFile));
        int rows = expected.size() - 2;
        int beyond = 0;
        for (int i = 0; i < rows; i++) {
            double value = Double.parseDouble(data.get(i + 1).split(",")[1]);
            if (range.clip(value) != value) {
                beyond++;
            }
            double want = Double.parseDouble(expected.get(i + 2));
            assertEquals(want, d.score(value), 0.0, fixture + " row " + i);
        }
        return beyond;
    }
}
