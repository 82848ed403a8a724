package org.prognos.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.features.InvalidSpecException;
import org.prognos.PrognosException;
import org.prognos.training.config.ConfigReader;

/** Bad input ends with one clear message and an untouched registry. */
class TrainingJobErrorsTest {
    static final Path DATA = Path.of("../notebooks-data").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    private Path write(String json) throws Exception {
        Path p = tmp.resolve("job.json");
        Files.writeString(p, json);
        return p;
    }

    private static String cmapss(String spec, String task, String registry) {
        return """
                {"name": "bad", "data": {"train": "%1$s/cmapss", "subset": "FD001"}, "spec": %2$s,
                 "task": %3$s, "model": {"family": "xgboost", "params": {"trees": 5}}, "registry": "%4$s"}
                """.formatted(DATA, spec, task, registry);
    }

    private void assertRegistryUntouched(Path registry) throws Exception {
        assertFalse(Files.exists(registry) && Files.list(registry).findAny().isPresent(), "registry was written: " + registry);
    }

    @Test
    void unknown_config_field_is_named() throws Exception {
        Path cfg = write("{\"name\": \"x\", \"data\": {\"train\": \"d\"}, \"spec\": \"s.json\", \"task\": {\"type\": \"remaining-useful-life\"},"
                + " \"model\": {\"family\": \"xgboost\"}, \"registry\": \"r\", \"sedd\": 3}");
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> ConfigReader.read(cfg));
        assertTrue(e.getMessage().contains("sedd"), e.getMessage());
    }

    @Test
    void unknown_hyperparameter_names_the_expected_ones() throws Exception {
        Path cfg = write(cmapss("\"" + DATA + "/specs/cmapss-window30.json\"", "{\"type\": \"remaining-useful-life\", \"cap\": 125}",
                tmp.resolve("reg").toString()).replace("\"trees\": 5", "\"treez\": 5"));
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> new TrainingJob(ConfigReader.read(cfg), tmp, s -> { }).run());
        assertTrue(e.getMessage().contains("model.params.treez") && e.getMessage().contains("trees"), e.getMessage());
        assertRegistryUntouched(tmp.resolve("reg"));
    }

    @Test
    void a_spec_reading_missing_columns_is_refused_and_nothing_is_published() throws Exception {
        String spec = """
                {"name": "s", "time": {"axis": "cycles"}, "channels": ["sensor_2", "sensor_99"], "windows": {"w": {"samples": 5}},
                 "emit": {"everySamples": 1}, "features": [{"type": "window", "stats": ["mean"], "window": "w"}]}""";
        Path cfg = write(cmapss(spec, "{\"type\": \"remaining-useful-life\", \"cap\": 125}", tmp.resolve("reg").toString()));
        PrognosException e = assertThrows(PrognosException.class, () -> new TrainingJob(ConfigReader.read(cfg), tmp, s -> { }).run());
        assertTrue(e.getMessage().contains("sensor_99"), e.getMessage());
        assertRegistryUntouched(tmp.resolve("reg"));
    }

    @Test
    void a_classification_task_without_failures_is_refused_and_nothing_is_published() throws Exception {
        // FD001 train units fail with code "engine": asking for component "fan" leaves no positive row
        Path cfg = write(cmapss("\"" + DATA + "/specs/cmapss-window30.json\"",
                "{\"type\": \"failure-within-horizon\", \"horizon\": \"30\", \"components\": [\"fan\"]}", tmp.resolve("reg").toString()));
        PrognosException e = assertThrows(PrognosException.class, () -> new TrainingJob(ConfigReader.read(cfg), tmp, s -> { }).run());
        assertTrue(e.getMessage().contains("no failures within the horizon"), e.getMessage());
        assertRegistryUntouched(tmp.resolve("reg"));
    }

    @Test
    void a_registry_that_is_not_writable_fails_before_training() throws Exception {
        Path notADir = tmp.resolve("registry-file");
        Files.writeString(notADir, "I am a file");
        Path cfg = write(cmapss("\"" + DATA + "/specs/cmapss-window30.json\"", "{\"type\": \"remaining-useful-life\", \"cap\": 125}",
                notADir.toString()));
        PrognosException e = assertThrows(PrognosException.class, () -> new TrainingJob(ConfigReader.read(cfg), tmp, s -> { }).run());
        assertTrue(e.getMessage().toLowerCase().contains("writable") || e.getMessage().contains("not a directory"), e.getMessage());
        assertEquals("I am a file", Files.readString(notADir));
    }
}
