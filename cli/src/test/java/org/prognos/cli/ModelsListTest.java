package org.prognos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.cli.score.ScoreFixtures;

/** {@code prognos models list} on a real registry: two models, each version with two aliases. */
class ModelsListTest {
    @Test
    void columns_stay_aligned_when_a_version_has_two_aliases_and_tasks_read_as_their_config_names() {
        CliRun r = CliRun.run("models", "list", "--registry", ScoreFixtures.registry().toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        String header = lines.get(0);
        assertTrue(header.matches("VERSION +ALIASES +CREATED +TASK"), header);
        int created = header.indexOf("CREATED");
        int task = header.indexOf("TASK");
        assertEquals(3, lines.size(), r.out());
        for (String line : lines.subList(1, lines.size())) {
            assertTrue(line.contains(" @candidate @production "), line);
            assertTrue(line.substring(created - 2, created + 4).matches("  \\d{4}"), "CREATED column at " + created + ": " + line);
            assertTrue(line.substring(task - 2).matches("  (failure-within-horizon|remaining-useful-life)"), "TASK column: " + line);
        }
    }

    @Test
    void an_empty_registry_says_so(@TempDir Path empty) {
        CliRun r = CliRun.run("models", "list", "--registry", empty.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("no models in " + empty.toAbsolutePath(), r.out().strip());
    }
}
