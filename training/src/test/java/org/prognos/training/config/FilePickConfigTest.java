package org.prognos.training.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.features.InvalidSpecException;
import org.prognos.features.io.FilePick;

/**
 * {@code data.files} / {@code data.exclude} of a job: read into the one {@link FilePick} every entry point uses, absent
 * for every file; a misspelt key or an empty pattern is refused naming it. What a pick reads is in {@code FilePickTest}
 * (features) and {@code SkabRecipeTest}.
 */
class FilePickConfigTest {
    @TempDir
    Path tmp;

    private TrainingConfig read(String data) throws IOException {
        Path p = tmp.resolve("job.yaml");
        Files.writeString(p, "name: j\ndata: " + data + "\nspec: s.json\ntask: {type: anomaly}\nmodel: {family: pca}\n"
                + "registry: r\n");
        return ConfigReader.read(p);
    }

    @Test
    void files_and_exclude_are_read_into_the_pick_and_absent_they_read_every_file() throws IOException {
        TrainingConfig.DataConfig d = read("{train: SKAB/data, files: [valve1/*.csv, 'other/*.csv'], exclude: [anomaly-free]}").data();
        assertEquals(new FilePick(List.of("valve1/*.csv", "other/*.csv"), List.of("anomaly-free")), d.pick());
        assertEquals("SKAB/data (files [valve1/*.csv, other/*.csv], exclude [anomaly-free])", d.describeTrain());
        TrainingConfig.DataConfig whole = read("{train: SKAB/data}").data();
        assertEquals(FilePick.all(), whole.pick());
        assertEquals("SKAB/data", whole.describeTrain());
    }

    @Test
    void a_misspelt_key_or_an_empty_pattern_is_refused_naming_it() {
        InvalidSpecException typo = assertThrows(InvalidSpecException.class, () -> read("{train: d, exlude: [anomaly-free]}"));
        assertTrue(typo.getMessage().contains("exlude") && typo.getMessage().contains("exclude"), typo.getMessage());
        InvalidSpecException empty = assertThrows(InvalidSpecException.class, () -> read("{train: d, files: ['']}"));
        assertTrue(empty.getMessage().contains("'files' holds an empty pattern"), empty.getMessage());
    }
}
