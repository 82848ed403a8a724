package org.prognos.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code drift} section of the service config: defaults, the README's example, and bad values named. */
class DriftConfigTest {
    @TempDir
    Path dir;

    private ServiceConfig read(String yaml) throws IOException {
        Path f = dir.resolve("service.yaml");
        Files.writeString(f, yaml);
        return ServiceConfig.read(f);
    }

    @Test
    void without_a_drift_section_the_documented_defaults_apply() {
        DriftConfig d = ServiceConfig.defaults().drift();
        assertEquals(500, d.window());
        assertEquals(100, d.minRows());
        assertEquals(0.1, d.psiModerate());
        assertEquals(0.25, d.psiDrifted());
        assertEquals(0.3, d.ksDrifted());
        assertEquals(30, d.evaluateSeconds());
        assertEquals(List.of(), d.ignore());
    }

    @Test
    void the_readme_example_parses_and_ignore_patterns_match_whole_names() throws IOException {
        DriftConfig d = read("""
                drift: {window: 200, minRows: 50, evaluateSeconds: 10, ignore: ["model_*", "age", "since_maint_*"]}
                """).drift();
        assertEquals(200, d.window());
        assertEquals(50, d.minRows());
        assertEquals(0.25, d.psiDrifted(), "unset fields keep their defaults");
        assertFalse(d.counts("model_model4"));
        assertFalse(d.counts("age"));
        assertFalse(d.counts("since_maint_comp1"));
        assertTrue(d.counts("vibration_mean_3h"));
        assertTrue(d.counts("page"), "a pattern matches the whole name");
    }

    @Test
    void bad_values_are_refused_naming_the_field() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> read("drift: {window: 50, minRows: 100}\n"));
        assertTrue(e.getMessage().contains("'drift.minRows'"), e.getMessage());
        e = assertThrows(InvalidConfigException.class, () -> read("drift: {psiModerate: 0.3, psiDrifted: 0.2}\n"));
        assertTrue(e.getMessage().contains("'drift'") && e.getMessage().contains("psiModerate"), e.getMessage());
        e = assertThrows(InvalidConfigException.class, () -> read("drift: {windw: 10}\n"));
        assertTrue(e.getMessage().contains("windw"), e.getMessage());
    }
}
