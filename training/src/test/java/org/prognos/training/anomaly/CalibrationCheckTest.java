package org.prognos.training.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.prognos.training.evaluation.RowTimes;

/**
 * The verdict's edges ({@link CalibrationCheck}) on synthetic tallies and rows (edge cases, not data: the row count at
 * the verdict's floor, the rate at the warning's factor, ties between assets, labelled rows left out). The real jobs'
 * warnings are checked in {@code CalibrationCheckJobTest}.
 */
class CalibrationCheckTest {
    /** 1 %: a verdict needs 1,000 rows, a warning 2 % of them. */
    private static final CalibrationCheck CHECK = new CalibrationCheck(0.01, 500);

    private static CalibrationCheck.Rows rows(CalibrationCheck.Tally... t) {
        return new CalibrationCheck.Rows("evaluated normal rows", List.of(t));
    }

    @Test
    void too_few_rows_give_no_verdict_however_many_alarm() {
        assertEquals(Optional.empty(), CHECK.warning("knn", rows(new CalibrationCheck.Tally("a", 999, 999))),
                "999 rows, fewer than 10 / 0.01");
        assertTrue(CHECK.warning("knn", rows(new CalibrationCheck.Tally("a", 1000, 20))).isPresent(), "1,000 rows at 2 %");
    }

    @Test
    void warns_from_twice_the_target_on() {
        assertEquals(Optional.empty(), CHECK.warning("knn", rows(new CalibrationCheck.Tally("a", 1000, 19))), "1.9 %");
        assertEquals(Optional.of("knn: 2 % of the 1,000 evaluated normal rows alarm, 2 × the false-alarm rate of 1 % the"
                + " score was calibrated to on 500 held-out normal rows: those rows did not foresee the evaluated ones (drift,"
                + " a change of season or load, or too few of them); expect about that rate in service, or recalibrate on"
                + " rows like the ones served"), CHECK.warning("knn", rows(new CalibrationCheck.Tally("a", 1000, 20))));
    }

    @Test
    void counts_the_assets_over_twice_the_rate_and_names_the_three_highest_with_their_rows() {
        String w = CHECK.warning("pca", rows(new CalibrationCheck.Tally("m1", 400, 4), new CalibrationCheck.Tally("m2", 300, 30),
                new CalibrationCheck.Tally("m3", 200, 2), new CalibrationCheck.Tally("m4", 1500, 150),
                new CalibrationCheck.Tally("m5", 100, 10), new CalibrationCheck.Tally("m6", 500, 10))).orElseThrow();
        assertTrue(w.startsWith("pca: 6.9 % of the 3,000 evaluated normal rows alarm, 6.9 × "), w);
        assertTrue(w.endsWith("; 4 of its 6 assets alarm at 2 × the rate or more, the highest: 'm4' 10 % of 1,500 rows, 'm2'"
                + " 10 % of 300 rows, 'm5' 10 % of 100 rows"), "ties by rows, m6 at 2 % counted, m1 and m3 at 1 % not: " + w);
        String one = CHECK.warning("pca", rows(new CalibrationCheck.Tally("m1", 2000, 0),
                new CalibrationCheck.Tally("m2", 1000, 90))).orElseThrow();
        assertTrue(one.endsWith("; 1 of its 2 assets alarms at 2 × the rate or more, the highest: 'm2' 9 % of 1,000 rows"), one);
    }

    @Test
    void with_labels_the_rows_outside_the_periods_are_checked_not_the_normal_rows() {
        // asset a: 2,000 rows, alarms on rows 0..59, rows 0..39 inside a labelled period: 3 % of the normal rows alarm,
        // but 40 of those alarms are detections; 20 of the 1,960 unlabelled rows (1.0 %) are false alarms: no warning
        String[] assets = new String[2000];
        Arrays.fill(assets, "a");
        long[] times = new long[2000];
        boolean[] alarms = new boolean[2000];
        for (int i = 0; i < 2000; i++) {
            times[i] = i;
            alarms[i] = i < 60;
        }
        RowTimes at = new RowTimes(assets, times);
        LabelledPeriods labels = new LabelledPeriods(List.of(new LabelledPeriods.Period("a", 0, 39)), "hand");
        assertTrue(CHECK.warnings("knn", at, alarms, r -> true, Optional.empty()).get(0)
                .startsWith("knn: 3 % of the 2,000 evaluated normal rows alarm"), "without labels: the normal rows");
        assertEquals(List.of(), CHECK.warnings("knn", at, alarms, r -> true, Optional.of(labels)));
        for (int i = 1800; i < 2000; i++) {
            alarms[i] = true;   // 220 of the 1,960 unlabelled rows
        }
        List<String> w = CHECK.warnings("knn", at, alarms, r -> true, Optional.of(labels));
        assertEquals(1, w.size(), w.toString());
        assertTrue(w.get(0).startsWith("knn: 11 % of the 1,960 evaluated rows outside the labelled periods (the labelled"
                + " FAR) alarm, 11 × "), w.get(0));
        assertEquals(List.of(), CHECK.warnings("knn", at, alarms, r -> r < 999, Optional.empty()),
                "999 normal rows: no verdict");
    }

    @Test
    void a_rate_outside_zero_to_one_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> new CalibrationCheck(0, 10));
    }
}
