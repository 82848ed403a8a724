package org.prognos.features.extract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.prognos.features.io.Datasets;
import org.prognos.features.labels.FailureWithinHorizon;
import org.prognos.features.spec.SpecJson;
import org.prognos.features.telemetry.Dataset;

/**
 * The tabular design end to end in this module: the bundled AI4I table through its descriptor and the
 * {@code ai4i-row} spec gives one feature row per unit holding the row's own values, and a one-cycle
 * failure-within-horizon label that is the row's failure flag, with no row censored.
 */
class TabularExtractionTest {
    static final Path DATA = Path.of("../notebooks-data");

    @Test
    void each_unit_is_one_row_of_its_own_values_labelled_with_its_own_failure() throws Exception {
        Dataset ai4i = Datasets.open(DATA.resolve("ai4i2020"), null);
        FeatureExtractor ex = new FeatureExtractor(SpecJson.read(DATA.resolve("specs/ai4i-row.json")));
        FeatureTable t = new FeatureTable(ex.columns());
        new BatchExtractor(ex, 2, n -> { }).run(ai4i, t);
        t = t.sorted();

        assertEquals(10_000, t.size());
        assertEquals(List.of("Air temperature [K]_last_row", "Process temperature [K]_last_row",
                "Rotational speed [rpm]_last_row", "Torque [Nm]_last_row", "Tool wear [min]_last_row",
                "Type_L", "Type_M", "Type_H"), t.columns());
        assertEquals("1", t.asset(0));
        assertArrayEquals(new double[] {298.1, 308.6, 1551, 42.8, 0, 0, 1, 0}, t.row(0));   // UDI 1: type M

        Map<String, Long> observedUntil = new HashMap<>();
        for (int i = 0; i < t.size(); i++) {
            observedUntil.put(t.asset(i), t.time(i));
        }
        double[] y = FailureWithinHorizon.binary(1).label(t, ai4i.events(), observedUntil);
        assertEquals(0, Arrays.stream(y).filter(Double::isNaN).count(), "censored rows");
        assertEquals(339, Arrays.stream(y).filter(v -> v == 1).count());   // the table's 339 failures
    }
}
