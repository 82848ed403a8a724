package org.prognos.features.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.prognos.features.spec.FeatureSpec;
import org.prognos.features.spec.SpecJson;

/** Every column has a label for people, made where its name is made; labels of the bundled Azure spec read as stated. */
class FeatureLabelsTest {
    static final Path AZURE = Path.of("../notebooks-data/specs/azure-guide.json");

    @Test
    void every_column_of_the_azure_spec_has_a_distinct_label_in_row_order() {
        FeatureExtractor ex = new FeatureExtractor(SpecJson.read(AZURE));
        assertEquals(ex.columns().size(), ex.labels().size());
        assertEquals(ex.labels().size(), new HashSet<>(ex.labels()).size(), "labels are distinct: " + ex.labels());
        Map<String, String> byName = new TreeMap<>();
        for (int i = 0; i < ex.columns().size(); i++) {
            byName.put(ex.columns().get(i), ex.labels().get(i));
        }
        assertEquals("vibration, 24 h mean", byName.get("vibration_mean_24h"));
        assertEquals("volt, 3 h std dev", byName.get("volt_std_3h"));
        assertEquals("days since comp3 replaced", byName.get("since_maint_comp3"));
        assertEquals("error1 alarms in 24 h", byName.get("error1_count_24h"));
        assertEquals("model = model3", byName.get("model_model3"));
        assertEquals("age", byName.get("age"));
        assertEquals("days since comp3 replaced", ex.label("since_maint_comp3"));
        assertEquals("not_a_column", ex.label("not_a_column"), "an unknown column is its own label");
        for (int i = 0; i < ex.columns().size(); i++) {
            assertEquals(ex.labels().get(i), ex.label(ex.columns().get(i)), "the label of column " + i + " by its name");
        }
    }

    @Test
    void units_windows_and_other_groups_read_in_words() {
        String json = """
                {"name": "labels", "time": {"axis": "cycles"}, "channels": ["s1", "s2"],
                 "windows": {"w10": {"samples": 10}, "w30": {"samples": 30}}, "emit": {"everySamples": 1},
                 "features": [
                   {"type": "ewma", "alphas": [0.1], "channels": ["s1"]},
                   {"type": "diff", "stat": "mean", "shortWindow": "w10", "longWindow": "w30", "channels": ["s2"]},
                   {"type": "sequence", "channels": ["s1"], "window": "w10"},
                   {"type": "elapsed", "unit": "1"}
                 ]}""";
        FeatureExtractor ex = new FeatureExtractor(SpecJson.parse(json, "test spec"));
        List<String> labels = ex.labels();
        assertEquals("s1, moving average (EWMA, alpha 0.1)", labels.get(0));
        assertEquals("s2, w10 mean minus w30 mean", labels.get(1));
        assertEquals("s1, reading 1 of the last 10", labels.get(2));
        assertEquals("cycles since the first reading", labels.get(labels.size() - 1));
        assertEquals("hours", Labels.unit("1h"));
        assertEquals("units of 6h", Labels.unit("6h"));
        assertEquals("24 h", Labels.window("24h"));
    }
}
