package org.prognos.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.prognos.features.extract.FeatureExtractor;
import org.prognos.features.spec.EmitConfig;
import org.prognos.features.spec.FeatureGroup;
import org.prognos.features.spec.FeatureSpec;
import org.prognos.features.spec.TimeConfig;
import org.prognos.features.spec.WindowConfig;
import org.prognos.models.bundle.BundleContents;
import org.prognos.models.bundle.LibraryVersions;
import org.prognos.models.bundle.Payload;
import org.prognos.models.bundle.Provenance;
import org.prognos.models.bundle.Task;

/** Small specs, tasks, provenance and synthetic data shared by the tests. */
public final class Fixtures {
    public static final Task.FailureWithinHorizon FAILURE = new Task.FailureWithinHorizon(48, "48 cycles",
            List.of("none", "failure"));
    public static final Task.RemainingUsefulLife RUL = new Task.RemainingUsefulLife("cycle", OptionalDouble.of(125));

    private Fixtures() {
    }

    /** A spec over channels temp and vib: mean, std and max over the last 5 readings (6 columns). */
    public static FeatureSpec spec() {
        Map<String, WindowConfig> windows = new LinkedHashMap<>();
        windows.put("n5", WindowConfig.ofSamples(5));
        return new FeatureSpec(null, "pump-tiny", "test spec", TimeConfig.cycles(), List.of("temp", "vib"), windows,
                EmitConfig.everySample(), false, null, null,
                List.of(new FeatureGroup.WindowStats(List.of("mean", "std", "max"), List.of(), "n5")), null, null);
    }

    public static List<String> columns() {
        return new FeatureExtractor(spec()).columns();
    }

    public static Provenance provenance() {
        Map<String, JsonNode> hp = new LinkedHashMap<>();
        hp.put("trees", JsonNodeFactory.instance.numberNode(5));
        hp.put("eta", JsonNodeFactory.instance.numberNode(0.3));
        return new Provenance("sha256:" + "ab".repeat(32), "by asset, 20% test", 42L, hp, LibraryVersions.current());
    }

    public static ObjectNode metrics() {
        ObjectNode m = JsonNodeFactory.instance.objectNode();
        m.put("auc", 0.91);
        m.put("baselineAuc", 0.5);
        return m;
    }

    public static BundleContents contents(String name, Task task, Payload payload) {
        return BundleContents.of(name, task, spec(), provenance(), metrics(), payload);
    }

    /**
     * Synthetic feature rows: column 0 (temp mean) drives failure, a few values are NaN.
     *
     * @return {@code rows} rows of {@link #columns()} width
     */
    public static double[][] rows(int rows, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int width = columns().size();
        double[][] x = new double[rows][width];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < width; c++) {
                x[r][c] = rng.nextInt(20) == 0 && c > 0 ? Double.NaN : 50 + 20 * rng.nextDouble() + c;
            }
        }
        return x;
    }

    /** Class index per row: failure when the temperature mean (column 0) is above 62. */
    public static double[] failureLabels(double[][] rows) {
        double[] y = new double[rows.length];
        for (int r = 0; r < rows.length; r++) {
            y[r] = rows[r][0] > 62 ? 1 : 0;
        }
        return y;
    }

    /** Remaining life per row: falls with the temperature mean. */
    public static double[] rulLabels(double[][] rows) {
        double[] y = new double[rows.length];
        for (int r = 0; r < rows.length; r++) {
            y[r] = Math.max(0, 125 - 4 * (rows[r][0] - 50));
        }
        return y;
    }
}
