package org.prognos.features.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.prognos.features.io.AzurePdm;
import org.prognos.features.io.Cmapss;
import org.prognos.features.spec.FeatureSpec;
import org.prognos.features.spec.SpecJson;
import org.prognos.features.telemetry.Dataset;
import org.prognos.features.telemetry.Event;

/**
 * On the bundled real datasets, a live state fed one reading at a time and evaluated at a row's time gives
 * the batch row, to 1e-9 relative (sampled rows; every asset). For C-MAPSS the batch rows also match the
 * naive reference implementation (without normalization, which the reference does not model).
 */
class RealDataStreamingTest {
    static final Path DATA = Path.of("../notebooks-data");

    @Test
    void azure_streaming_vectors_equal_batch_rows() throws Exception {
        FeatureSpec spec = SpecJson.read(DATA.resolve("specs/azure-guide.json"));
        check(spec, AzurePdm.load(DATA.resolve("azure-pdm")), 3);
    }

    @Test
    void cmapss_streaming_vectors_equal_batch_rows_with_normalization() throws Exception {
        Cmapss c = Cmapss.load(DATA.resolve("cmapss"), "FD003");
        FeatureSpec spec = SpecJson.read(DATA.resolve("specs/cmapss-window30.json")).fit(c.train().telemetry());
        check(spec, c.test(), 3);
    }

    @Test
    void cmapss_batch_rows_match_the_reference_implementation() throws Exception {
        Cmapss c = Cmapss.load(DATA.resolve("cmapss"), "FD001");
        FeatureSpec s = SpecJson.read(DATA.resolve("specs/cmapss-window30.json"));
        FeatureSpec spec = new FeatureSpec(null, s.name(), null, s.time(), s.channels(), s.windows(), s.emit(),
                s.requireFullWindows(), null, null, s.features(), null, null);
        FeatureExtractor ex = new FeatureExtractor(spec);
        Map<String, List<double[]>> readings = readings(c.test());
        FeatureTable t = new FeatureTable(ex.columns());
        new BatchExtractor(ex, 2, n -> { }).run(c.test(), t);
        ReferenceFeatures ref = new ReferenceFeatures(spec);
        int checked = 0;
        for (var e : t.rowsByAsset().entrySet()) {
            List<double[]> r = readings.get(e.getKey());
            long[] times = r.stream().mapToLong(v -> (long) v[0]).toArray();
            double[][] values = r.stream().map(v -> java.util.Arrays.copyOfRange(v, 1, v.length)).toArray(double[][]::new);
            Map<Long, double[]> expected = ref.rows(times, values, List.of(), Map.of());
            int[] rows = e.getValue();
            assertEquals(expected.size(), rows.length, "rows of unit " + e.getKey());
            for (int i = 0; i < rows.length; i += 7) {
                StreamingEqualsBatchPropertyTest.assertClose(expected.get(t.time(rows[i])), t.row(rows[i]), ex.columns(),
                        "unit " + e.getKey() + " cycle " + t.time(rows[i]));
                checked++;
            }
        }
        assertTrue(checked > 1000, "checked " + checked);
    }

    private static Map<String, List<double[]>> readings(Dataset d) throws Exception {
        Map<String, List<double[]>> m = new HashMap<>();
        d.telemetry().forEach((a, t, v) -> {
            double[] row = new double[v.length + 1];
            row[0] = t;
            System.arraycopy(v, 0, row, 1, v.length);
            m.computeIfAbsent(a, k -> new ArrayList<>()).add(row);
        });
        return m;
    }

    /** Every {@code every}-th... rather: a seeded sample of rows per asset, each rebuilt through the live path. */
    private static void check(FeatureSpec spec, Dataset data, int rowsPerAsset) throws Exception {
        FeatureExtractor ex = new FeatureExtractor(spec);
        FeatureTable t = new FeatureTable(ex.columns());
        new BatchExtractor(ex, 2, n -> { }).run(data, t);
        Map<String, List<double[]>> readings = readings(data);
        List<String> channels = data.telemetry().channels();
        int[] map = ex.channels().stream().mapToInt(channels::indexOf).toArray();
        SplittableRandom rng = new SplittableRandom(11);
        int checked = 0;
        for (var e : t.rowsByAsset().entrySet()) {
            int[] rows = e.getValue();
            for (int k = 0; k < rowsPerAsset; k++) {
                int row = rows[rng.nextInt(rows.length)];
                long at = t.time(row);
                AssetState s = ex.newState(e.getKey(), data.attributes().of(e.getKey()));
                List<Event> events = data.events().of(e.getKey());
                int ei = 0;
                for (double[] r : readings.get(e.getKey())) {
                    long time = (long) r[0];
                    if (ex.gridEmission() ? time >= at : time > at) {
                        break;
                    }
                    while (ei < events.size() && events.get(ei).time() <= time) {
                        s.event(events.get(ei++), RowSink.discard());
                    }
                    double[] v = new double[map.length];
                    for (int c = 0; c < map.length; c++) {
                        v[c] = r[1 + map[c]];
                    }
                    s.reading(time, v, RowSink.discard());
                }
                while (ei < events.size() && (ex.gridEmission() ? events.get(ei).time() < at : events.get(ei).time() <= at)) {
                    s.event(events.get(ei++), RowSink.discard());
                }
                double[] live = new double[ex.columns().size()];
                assertTrue(s.vectorAt(at, live, RowSink.discard()));
                StreamingEqualsBatchPropertyTest.assertClose(t.row(row), live, ex.columns(), e.getKey() + " at " + at);
                checked++;
            }
        }
        assertTrue(checked >= 200, "checked " + checked);
    }
}
