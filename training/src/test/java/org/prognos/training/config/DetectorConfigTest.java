package org.prognos.training.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prognos.features.InvalidSpecException;

/**
 * {@code task.detector} of an anomaly job: the fleet's by default (also with a learning period per asset, where the
 * scaling's default is each asset's own), each asset's own on request, and refused where it cannot work, the message
 * naming the keys: beside the fleet's scaling (named, or the default without {@code split.learn}), in a supervised job,
 * under an asset split, with the z-score family. The refusal of the drawn asset split, which needs the data's assets,
 * is in {@code AssetDetectorJobTest}.
 */
class DetectorConfigTest {
    private static final String ANOMALY = "  type: anomaly\n";
    private static final String LEARN = "split: {method: time, learn: 15%}\n";

    @TempDir
    Path tmp;

    private TrainingConfig read(String task, String rest) throws IOException {
        return read("{train: d}", task, "knn", rest);
    }

    private TrainingConfig read(String data, String task, String family, String rest) throws IOException {
        Path p = tmp.resolve("job.yaml");
        Files.writeString(p, "name: j\ndata: " + data + "\nspec: s.json\ntask:\n" + task + "model: {family: " + family
                + "}\nregistry: r\n" + rest);
        return ConfigReader.read(p);
    }

    private static TaskConfig.Anomaly task(TrainingConfig c) {
        return (TaskConfig.Anomaly) c.task();
    }

    @Test
    void the_detector_is_the_fleets_unless_asked_for_and_allowed_with_each_assets_own_scaling() throws IOException {
        assertEquals(TaskConfig.DetectorScope.FLEET, task(read(ANOMALY, "")).detector());
        assertEquals(TaskConfig.DetectorScope.FLEET, task(read(ANOMALY, LEARN)).detector(),
                "a learning period per asset scales each asset by its own, and keeps one detector");
        assertEquals(TaskConfig.DetectorScope.FLEET, task(read(ANOMALY + "  detector: fleet\n", "")).detector());
        TrainingConfig learn = read(ANOMALY + "  detector: asset\n", LEARN);
        assertEquals(TaskConfig.DetectorScope.ASSET, task(learn).detector());
        assertEquals(TaskConfig.Scaling.ASSET, task(learn).scaling(), "the default scaling under split.learn");
        TrainingConfig cut = read(ANOMALY + "  scaling: asset\n  detector: asset\n",
                "split: {method: time, cutoff: \"2015-11-01 00:00:00\", gap: 7d}\n");
        assertEquals(TaskConfig.DetectorScope.ASSET, task(cut).detector());
        for (String family : new String[] {"pca", "isolation-forest", "autoencoder"}) {
            assertEquals(TaskConfig.DetectorScope.ASSET, task(read("{train: d}", ANOMALY + "  detector: asset\n", family,
                    LEARN)).detector(), family);
        }
    }

    @Test
    void a_bad_detector_is_refused_naming_the_key_and_the_allowed_values() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> read(ANOMALY + "  detector: own\n", ""));
        assertTrue(e.getMessage().endsWith("line 6, column 3: at 'task': 'task.detector' must be fleet or asset, found 'own'"),
                e.getMessage());
    }

    @Test
    void own_detectors_are_refused_on_the_fleets_scaling_named_or_by_default() {
        InvalidSpecException named = assertThrows(InvalidSpecException.class,
                () -> read(ANOMALY + "  scaling: fleet\n  detector: asset\n", LEARN));
        assertTrue(named.getMessage().endsWith("'task.detector: asset' fits each asset's detector on its own rows scaled by"
                + " its own normal, and 'task.scaling: fleet' is named: set 'task.scaling: asset' beside 'task.detector:"
                + " asset', or keep 'task.detector: fleet'"), named.getMessage());
        InvalidSpecException byDefault = assertThrows(InvalidSpecException.class,
                () -> read(ANOMALY + "  detector: asset\n", "split: {method: time, cutoff: \"2015-11-01 00:00:00\"}\n"));
        assertTrue(byDefault.getMessage().endsWith("'task.detector: asset' fits each asset's detector on its own rows"
                + " scaled by its own normal, and 'task.scaling' is fleet by default without a learning period per asset"
                + " ('split.learn'): set 'task.scaling: asset' beside 'task.detector: asset', or keep 'task.detector:"
                + " fleet'"), byDefault.getMessage());
    }

    @Test
    void own_detectors_are_refused_in_a_supervised_job() throws IOException {
        InvalidSpecException e = assertThrows(InvalidSpecException.class,
                () -> read("  type: failure-within-horizon\n  horizon: 24h\n  detector: asset\n", ""));
        assertTrue(e.getMessage().endsWith(": 'task.detector' asset (each asset judged by a detector fitted on its own"
                + " normal rows) is read by anomaly jobs only ('task.type: anomaly'); a failure-within-horizon job fits one"
                + " model on its labels: drop 'task.detector'"), e.getMessage());
        assertEquals("failure-within-horizon", read("  type: failure-within-horizon\n  horizon: 24h\n  detector: fleet\n",
                "").task().type(), "fleet, what a supervised job does anyway, is accepted and ignored there");
    }

    @Test
    void own_detectors_are_refused_with_a_separate_test_set_or_named_test_assets() {
        String why = " evaluates assets that have none there: split each asset in time ('split.learn' or 'split.cutoff'"
                + " with 'split.method: time'), or keep 'task.detector: fleet'";
        String own = ANOMALY + "  scaling: asset\n  detector: asset\n";
        InvalidSpecException test = assertThrows(InvalidSpecException.class,
                () -> read("{train: d, test: t}", own, "knn", ""));
        assertTrue(test.getMessage().endsWith("'task.detector: asset' fits each asset's detector on its own rows in"
                + " training, and an asset split (a separate test set, 'data.test')" + why), test.getMessage());
        InvalidSpecException named = assertThrows(InvalidSpecException.class,
                () -> read(own, "split: {testAssets: [\"51-70\"]}\n"));
        assertTrue(named.getMessage().endsWith("'task.detector: asset' fits each asset's detector on its own rows in"
                + " training, and an asset split ('split.testAssets')" + why), named.getMessage());
    }

    @Test
    void own_detectors_are_refused_for_the_z_score_family_which_has_nothing_fitted() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class,
                () -> read("{train: d}", ANOMALY + "  detector: asset\n", "zscore", LEARN));
        assertTrue(e.getMessage().endsWith("'task.detector: asset' with 'model.family: zscore': the z-score detector has"
                + " nothing fitted (raw = the largest |z|), so an asset's own would be the fleet's; 'task.scaling: asset'"
                + " already judges each asset by its own normal: drop 'task.detector'"), e.getMessage());
    }
}
