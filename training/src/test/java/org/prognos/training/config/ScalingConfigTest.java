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
 * {@code task.scaling} of an anomaly job: the fleet's by default, each asset's own on request or by default with a
 * learning period per asset ({@code split.learn}), and refused where it
 * cannot work (a supervised job; an asset split, whose evaluated assets have no rows in training), the message naming
 * the key. The refusal of the drawn asset split, which needs the data's assets, is in {@code AssetScalingJobTest}.
 */
class ScalingConfigTest {
    @TempDir
    Path tmp;

    private TrainingConfig read(String task, String rest) throws IOException {
        return read("{train: d}", task, rest);
    }

    private TrainingConfig read(String data, String task, String rest) throws IOException {
        Path p = tmp.resolve("job.yaml");
        Files.writeString(p, "name: j\ndata: " + data + "\nspec: s.json\ntask:\n" + task + "model: {family: knn}\nregistry: r\n"
                + rest);
        return ConfigReader.read(p);
    }

    private static final String ANOMALY = "  type: anomaly\n";

    @Test
    void scaling_is_the_fleets_unless_asked_for_and_allowed_with_a_learning_period_and_a_time_split() throws IOException {
        assertEquals(TaskConfig.Scaling.FLEET, ((TaskConfig.Anomaly) read(ANOMALY, "").task()).scaling());
        assertEquals(TaskConfig.Scaling.FLEET, ((TaskConfig.Anomaly) read(ANOMALY + "  scaling: fleet\n", "").task()).scaling());
        TrainingConfig learn = read(ANOMALY + "  scaling: asset\n", "split: {method: time, learn: 15%}\n");
        assertEquals(TaskConfig.Scaling.ASSET, ((TaskConfig.Anomaly) learn.task()).scaling());
        TrainingConfig cut = read(ANOMALY + "  scaling: asset\n", "split: {method: time, cutoff: \"2015-11-01 00:00:00\", gap: 7d}\n");
        assertEquals(TaskConfig.Scaling.ASSET, ((TaskConfig.Anomaly) cut.task()).scaling());
    }

    @Test
    void with_a_learning_period_per_asset_and_no_scaling_named_each_asset_is_scaled_by_its_own() throws IOException {
        TrainingConfig learn = read(ANOMALY, "split: {method: time, learn: 400}\n");
        assertEquals(TaskConfig.Scaling.ASSET, ((TaskConfig.Anomaly) learn.task()).scaling());
        TrainingConfig named = read(ANOMALY + "  scaling: fleet\n", "split: {method: time, learn: 400}\n");
        assertEquals(TaskConfig.Scaling.FLEET, ((TaskConfig.Anomaly) named.task()).scaling(), "a named scaling stands");
        TrainingConfig cut = read(ANOMALY, "split: {method: time, cutoff: \"2015-11-01 00:00:00\", gap: 7d}\n");
        assertEquals(TaskConfig.Scaling.FLEET, ((TaskConfig.Anomaly) cut.task()).scaling(), "one cutoff: the fleet's");
    }

    @Test
    void a_bad_scaling_is_refused_naming_the_key_and_the_allowed_values() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> read(ANOMALY + "  scaling: own\n", ""));
        assertTrue(e.getMessage().endsWith("line 6, column 3: at 'task': 'task.scaling' must be fleet or asset, found 'own'"),
                e.getMessage());
    }

    @Test
    void own_scaling_is_refused_in_a_supervised_job() throws IOException {
        InvalidSpecException e = assertThrows(InvalidSpecException.class,
                () -> read("  type: failure-within-horizon\n  horizon: 24h\n  scaling: asset\n", ""));
        assertTrue(e.getMessage().endsWith(": 'task.scaling' asset (each asset's rows scaled by its own normal) is read by"
                + " anomaly jobs only ('task.type: anomaly'); a failure-within-horizon job learns its labels on the rows as"
                + " the spec gives them: drop 'task.scaling'"), e.getMessage());
        assertEquals("failure-within-horizon", read("  type: failure-within-horizon\n  horizon: 24h\n  scaling: fleet\n", "")
                .task().type(), "fleet, what a supervised job does anyway, is accepted and ignored there");
    }

    @Test
    void own_scaling_is_refused_with_a_separate_test_set_or_named_test_assets() {
        String why = " evaluates assets that have none there: split each asset in time ('split.learn' or 'split.cutoff'"
                + " with 'split.method: time'), or keep 'task.scaling: fleet'";
        InvalidSpecException test = assertThrows(InvalidSpecException.class,
                () -> read("{train: d, test: t}", ANOMALY + "  scaling: asset\n", ""));
        assertTrue(test.getMessage().endsWith("line 2, column 18: 'task.scaling: asset' learns each asset's normal from"
                + " its own rows in training, and an asset split (a separate test set, 'data.test')" + why), test.getMessage());
        InvalidSpecException named = assertThrows(InvalidSpecException.class,
                () -> read(ANOMALY + "  scaling: asset\n", "split: {testAssets: [\"51-70\"]}\n"));
        assertTrue(named.getMessage().endsWith("'task.scaling: asset' learns each asset's normal from its own rows in"
                + " training, and an asset split ('split.testAssets')" + why), named.getMessage());
    }
}
