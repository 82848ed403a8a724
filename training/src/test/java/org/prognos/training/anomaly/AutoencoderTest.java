package org.prognos.training.anomaly;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.prognos.features.extract.BatchExtractor;
import org.prognos.features.extract.FeatureExtractor;
import org.prognos.features.extract.FeatureTable;
import org.prognos.features.io.Cmapss;
import org.prognos.features.spec.FeatureSpec;
import org.prognos.features.spec.SpecJson;
import org.prognos.models.anomaly.AnomalyJson;
import org.prognos.models.anomaly.AnomalyModel;
import org.prognos.models.anomaly.AutoencoderDetector;
import org.prognos.models.predict.Predictions;

/**
 * The autoencoder on a small real slice: C-MAPSS FD001 units 1–12 with the anomaly spec (10-cycle sensor means, z-scored
 * per regime), cycles 10–89 of units 1–8 normal training rows, of units 9–12 calibration rows, a few epochs. The
 * forward pass that serves equals DL4J's, a refit with the seed is the same model, the payload reads back bit for bit,
 * a batch scores as its rows one by one, and late-life rows score above early ones.
 */
class AutoencoderTest {
    private static final Path ROOT = Files.isDirectory(Path.of("notebooks-data")) ? Path.of("notebooks-data")
            : Path.of("../notebooks-data");
    /** The Java forward pass and DL4J's, both in double precision: only the summation order differs. */
    private static final double SAME_AS_DL4J = 1e-9;
    private static final double SUM_TOLERANCE = 1e-12;
    private static final DetectorSettings.Autoencoder SMALL = new DetectorSettings.Autoencoder(16, 4, 8, 3, 64, 1e-2);

    private static List<String> columns;
    private static double[][] train;
    private static double[][] calibration;
    private static double[][] early;
    private static double[][] late;
    /** Fitted once with seed 42: training is the slow part. */
    private static AnomalyModel model;

    @BeforeAll
    static void load() throws IOException {
        Cmapss c = Cmapss.load(ROOT.resolve("cmapss"), "FD001");
        FeatureSpec spec = SpecJson.read(ROOT.resolve("specs/cmapss-anomaly.json")).fit(c.train().telemetry());
        FeatureExtractor ex = new FeatureExtractor(spec);
        FeatureTable t = new FeatureTable(ex.columns());
        new BatchExtractor(ex, 1, n -> { }).run(c.train(), t);
        FeatureTable table = t.sorted();
        columns = table.columns();
        List<double[]> tr = new ArrayList<>();
        List<double[]> cal = new ArrayList<>();
        List<double[]> e = new ArrayList<>();
        List<double[]> l = new ArrayList<>();
        for (var unit : table.rowsByAsset().entrySet()) {
            int id = Integer.parseInt(unit.getKey());
            int[] idx = unit.getValue();
            if (id > 12) {
                continue;
            }
            for (int k = 0; k < idx.length; k++) {
                long cycle = table.time(idx[k]);
                if (cycle >= 10 && cycle < 90) {
                    (id <= 8 ? tr : cal).add(table.row(idx[k]));
                }
                if (id > 8 && cycle >= 10 && cycle < 40) {
                    e.add(table.row(idx[k]));
                }
                if (id > 8 && k >= idx.length - 10) {
                    l.add(table.row(idx[k]));             // the last 10 cycles before failure
                }
            }
        }
        train = tr.toArray(double[][]::new);
        calibration = cal.toArray(double[][]::new);
        early = e.toArray(double[][]::new);
        late = l.toArray(double[][]::new);
        model = fit(42);
    }

    private static AnomalyModel fit(long seed) {
        return AnomalyFitter.fit(columns, train, calibration, SMALL, 0.01, seed);
    }

    @Test
    void the_served_forward_pass_is_dl4js() {
        double[][] x = java.util.Arrays.copyOf(train, 20);
        int width = 14;
        MultiLayerNetwork net = new MultiLayerNetwork(AutoencoderTrainer.configuration(SMALL, width, 7));
        net.init();
        try {
            List<AutoencoderDetector.Layer> layers = AutoencoderTrainer.layers(net);
            AutoencoderDetector d = new AutoencoderDetector(width, java.util.stream.IntStream.range(0, width).toArray(), layers);
            double[][] in = new double[x.length][width];
            for (int r = 0; r < x.length; r++) {
                System.arraycopy(x[r], 0, in[r], 0, width);
            }
            try (INDArray out = net.output(Nd4j.create(in), false)) {
                double[][] dl4j = out.toDoubleMatrix();
                for (int r = 0; r < in.length; r++) {
                    assertArrayEquals(dl4j[r], d.reconstruct(in[r]), SAME_AS_DL4J, "row " + r);
                }
            }
        } finally {
            net.close();
        }
    }

    @Test
    void trains_on_normal_rows_and_scores_late_life_above_early_life() {
        AnomalyModel m = model;
        AutoencoderDetector d = (AutoencoderDetector) m.detector();
        assertEquals(columns.size() - m.scaling().leftOut(columns).size(), d.inputs().length,
                "reads every column not constant on normal rows");
        double[] e = m.score(early).raw();
        double[] l = m.score(late).raw();
        double meanEarly = java.util.Arrays.stream(e).average().orElseThrow();
        double meanLate = java.util.Arrays.stream(l).average().orElseThrow();
        assertTrue(meanLate > 3 * meanEarly, "late life " + meanLate + " vs early " + meanEarly);
        long lateAlarms = java.util.Arrays.stream(l).filter(m.calibration()::alarm).count();
        assertTrue(lateAlarms > l.length / 2, lateAlarms + " of " + l.length + " last-10-cycle rows alarm");
    }

    @Test
    void a_refit_with_the_seed_is_the_same_model_and_the_payload_reads_back_bit_for_bit() {
        AnomalyModel m = model;
        assertEquals(m, fit(42));
        String json = AnomalyJson.write(m);
        AnomalyModel back = AnomalyJson.parse(json.getBytes(StandardCharsets.UTF_8), "test");
        assertEquals(m, back);
        String flat = json.replaceAll("\\s", "");
        assertTrue(flat.contains("\"family\":\"autoencoder\"") && flat.contains("\"activation\":\"tanh\""), "plain JSON layers");
    }

    @Test
    void a_batch_scores_as_its_rows_one_by_one_and_contributions_sum_to_the_raw_score() {
        AnomalyModel m = model;
        Predictions.Anomalies batch = m.score(late);
        for (int r = 0; r < late.length; r++) {
            Predictions.Anomalies one = m.score(new double[][] {late[r]});
            assertEquals(batch.raw()[r], one.raw()[0], 0, "row " + r);
            assertEquals(batch.scores()[r], one.scores()[0], 0, "row " + r);
            double sum = java.util.Arrays.stream(batch.contributions()[r]).sum();
            assertEquals(batch.raw()[r], sum, SUM_TOLERANCE * Math.max(1, sum), "row " + r);
            for (String left : m.scaling().leftOut(columns)) {
                assertEquals(0, batch.contributions()[r][columns.indexOf(left)], 0, left + " is not read");
            }
        }
    }
}
