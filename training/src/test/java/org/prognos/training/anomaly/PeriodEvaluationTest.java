package org.prognos.training.anomaly;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.features.InvalidTelemetryException;
import org.prognos.features.telemetry.TimeAxis;
import org.prognos.training.evaluation.RowTimes;
import org.prognos.training.evaluation.TimeScale;

/**
 * The labelled-period figures ({@link PeriodEvaluation}) against counts worked out by hand, and the periods files
 * ({@link LabelledPeriods}): NAB's bundled windows and the CSV form with its errors. The rows of the hand-worked case
 * are synthetic (an edge-case layout: a one-row period, an episode cut by the data's end, an asset without periods).
 */
class PeriodEvaluationTest {
    private static final TimeAxis AXIS = TimeAxis.Timestamps.utc();
    private static final long HOUR = TimeAxis.Timestamps.MICROS_PER_HOUR;
    private static final double EXACT = 1e-12;

    @TempDir
    Path tmp;

    @Test
    void figures_match_a_hand_count() {
        // asset a, rows every hour 0..9 h, labelled [2 h, 4 h] and [7 h, 7 h]; asset b, rows 0..2 h, no period
        String[] assets = {"a", "a", "a", "a", "a", "a", "a", "a", "a", "a", "b", "b", "b"};
        long[] times = new long[assets.length];
        for (int i = 0; i < assets.length; i++) {
            times[i] = (i < 10 ? i : i - 10) * HOUR;
        }
        boolean[] alarms = {false, true, false, true, true, false, false, false, true, true, false, true, false};
        LabelledPeriods labels = new LabelledPeriods(List.of(new LabelledPeriods.Period("nab/a", 2 * HOUR, 4 * HOUR),
                new LabelledPeriods.Period("a", 7 * HOUR, 7 * HOUR), new LabelledPeriods.Period("c", 0, HOUR)), "hand");
        PeriodEvaluation e = PeriodEvaluation.of(new RowTimes(assets, times), alarms, labels, TimeScale.timestamps());
        // a: 0 TN, 1 FP (episode), 2 FN, 3 TP (first alarm of period 1, 1 h in), 4 TP, 5 TN, 6 TN, 7 FN (period 2
        // missed), 8 FP (episode), 9 FP (same episode); b: TN, FP (episode), TN
        assertEquals(2, e.truePositives());
        assertEquals(4, e.falsePositives());
        assertEquals(2, e.falseNegatives());
        assertEquals(5, e.trueNegatives());
        assertEquals(2 / 6.0, e.precision(), EXACT);
        assertEquals(0.5, e.recall(), EXACT);
        assertEquals(4 / 10.0, e.f1(), EXACT);
        assertEquals(4 / 9.0, e.falseAlarmRate(), EXACT);
        assertEquals(0.5, e.missedAlarmRate(), EXACT);
        assertEquals(2, e.periods(), "c's period names no asset of the rows");
        assertEquals(1, e.detected());
        assertArrayEquals(new double[] {1.0}, e.delays(), EXACT);
        assertEquals(3, e.falseEpisodes());
        assertEquals((10 + 3) / 24.0, e.assetDays(), EXACT, "each asset's span plus one row interval: 10 h and 3 h");
        assertEquals(3 / (13 / 24.0), e.falseEpisodesPerAssetDay(), EXACT);
    }

    @Test
    void nothing_labelled_or_nothing_alarming_gives_nan_ratios_not_zeros() {
        RowTimes rows = new RowTimes(new String[] {"a", "a"}, new long[] {0, HOUR});
        PeriodEvaluation e = PeriodEvaluation.of(rows, new boolean[] {false, false}, new LabelledPeriods(List.of(), "none"),
                TimeScale.timestamps());
        assertTrue(Double.isNaN(e.precision()) && Double.isNaN(e.recall()) && Double.isNaN(e.missedAlarmRate()));
        assertEquals(0.0, e.falseAlarmRate());
        assertTrue(Double.isNaN(e.medianDelay()));
    }

    @Test
    void nab_windows_read_from_the_bundled_labels_name_the_asset_by_file() throws IOException {
        LabelledPeriods nab = LabelledPeriods.read(Path.of("../notebooks-data/nab/labels/combined_windows.json"), AXIS);
        Map<String, List<LabelledPeriods.Period>> mine = nab.of(List.of("machine_temperature_system_failure"));
        List<LabelledPeriods.Period> p = mine.get("machine_temperature_system_failure");
        assertEquals(4, p.size());
        assertEquals(AXIS.parse("2013-12-10 06:25:00"), p.get(0).start());
        assertEquals(AXIS.parse("2013-12-12 05:35:00"), p.get(0).end());
        String summary = nab.summary(List.of("machine_temperature_system_failure"));
        assertTrue(summary.startsWith("labelled periods from combined_windows.json: 116, 4 of them on the 1 evaluated"
                + " assets; the periods of "), summary);
    }

    @Test
    void the_summary_names_labelled_assets_the_data_does_not_have() {
        LabelledPeriods l = new LabelledPeriods(List.of(new LabelledPeriods.Period("pump-1", 0, HOUR)), "incidents.csv");
        assertEquals("labelled periods from incidents.csv: 1, 0 of them on the 2 evaluated assets; the periods of 1"
                + " labelled assets not evaluated here are left out (pump-1)", l.summary(List.of("pump1", "pump2")));
    }

    @Test
    void a_periods_csv_reads_and_its_errors_name_file_line_and_column() throws IOException {
        Path ok = Files.writeString(tmp.resolve("incidents.csv"),
                "# our incident list\nasset,start,end\npump-1,2014-01-01 00:00:00,2014-01-01 06:00:00\npump-2,2014-01-02 00:00:00,2014-01-02 00:00:00\n");
        LabelledPeriods l = LabelledPeriods.read(ok, AXIS);
        assertEquals(2, l.periods().size());
        assertEquals(new LabelledPeriods.Period("pump-1", AXIS.parse("2014-01-01 00:00:00"), AXIS.parse("2014-01-01 06:00:00")),
                l.periods().get(0));
        assertRefused("asset;start;end\npump-1;2014-01-01 00:00:00;yesterday\n", "incidents.csv:2:3: not a time of the data:"
                + " expected a timestamp like 2015-10-01 06:00:00 or 2015-10-01T06:00:00Z, found 'yesterday'");
        assertRefused("asset,start,end\npump-1,2014-01-02 00:00:00,2014-01-01 00:00:00\n", "incidents.csv:2:3: the period ends");
        assertRefused("machine,from,to\n", "incidents.csv:1:1: expected the header 'asset,start,end'");
        assertRefused("asset,start,end\npump-1,2014-01-01 00:00:00\n", "incidents.csv:2: expected 3 fields");
    }

    private void assertRefused(String text, String message) throws IOException {
        Path f = Files.writeString(tmp.resolve("incidents.csv"), text);
        InvalidTelemetryException e = assertThrows(InvalidTelemetryException.class, () -> LabelledPeriods.read(f, AXIS));
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }
}
