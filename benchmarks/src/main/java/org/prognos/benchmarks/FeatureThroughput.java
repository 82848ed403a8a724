package org.prognos.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.prognos.features.extract.AssetState;
import org.prognos.features.extract.FeatureExtractor;
import org.prognos.features.extract.RowSink;

/**
 * Whole-run feature throughput on the peer's synthetic workload: 1,000 machines × 8,760 hours × 4 channels
 * (8.76 M rows), 24-sample rolling mean/std/min/max/slope of every channel at every row. Input generation
 * is timed separately and excluded, as the peer does; rows are consumed (summed), not stored. One full pass
 * warms the JIT, then rows/s is the median of five passes. Prints one JSON line with rows/s and peak RSS
 * (VmHWM) of the whole process.
 *
 * <p>Run: {@code java -Xmx1g -cp benchmarks/target/benchmarks.jar org.prognos.benchmarks.FeatureThroughput
 * [machines] [hours] [threads]}
 */
public final class FeatureThroughput {
    private static final int PASSES = 5;
    private FeatureThroughput() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("azure")) {
            azure(Path.of(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 1);
            return;
        }
        int machines = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int hours = args.length > 1 ? Integer.parseInt(args[1]) : 8760;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        long g0 = System.nanoTime();
        double[][] data = new double[machines][];
        for (int m = 0; m < machines; m++) {
            data[m] = PeerWorkload.machine(m, hours, 42);
        }
        double genS = (System.nanoTime() - g0) / 1e9;
        measure("synthetic:" + machines + "x" + hours, data, hours, threads, genS);
    }

    /** The same workload on the real Azure telemetry (PdM_telemetry.csv[.gz]); parsing timed separately. */
    private static void azure(Path telemetry, int threads) throws Exception {
        long g0 = System.nanoTime();
        var source = org.prognos.features.io.WideCsvSource.open(telemetry,
                org.prognos.features.telemetry.TimeAxis.Timestamps.utc(),
                new org.prognos.features.io.WideCsvSource.Columns("machineID", "datetime",
                        List.of("volt", "rotate", "pressure", "vibration")),
                org.prognos.features.io.ReadPolicy.defaults());
        Map<String, List<double[]>> rows = new LinkedHashMap<>();
        source.forEach((a, t, v) -> rows.computeIfAbsent(a, k -> new ArrayList<>()).add(v.clone()));
        double[][] data = new double[rows.size()][];
        int hours = rows.values().iterator().next().size();
        int m = 0;
        for (var r : rows.values()) {
            if (r.size() != hours) {
                throw new IllegalStateException("machines with different lengths");
            }
            data[m] = new double[hours * 4];
            for (int h = 0; h < hours; h++) {
                System.arraycopy(r.get(h), 0, data[m], h * 4, 4);
            }
            m++;
        }
        measure("azure:" + telemetry, data, hours, threads, (System.nanoTime() - g0) / 1e9);
    }

    private static void measure(String name, double[][] data, int hours, int threads, double genS) throws Exception {
        int machines = data.length;
        long rssBefore = status("VmRSS");
        FeatureExtractor ex = new FeatureExtractor(PeerWorkload.spec());
        // One full pass warms the JIT; then the median of five timed passes (steady state, as for a service).
        long[] rows = new long[1];
        double[] check = new double[1];
        double[] passes = new double[PASSES + 1];
        for (int pass = 0; pass <= PASSES; pass++) {
            long t0 = System.nanoTime();
            rows[0] = 0;
            check[0] = 0;
            if (threads == 1) {
                long[] r = run(ex, data, 0, machines, hours);
                rows[0] = r[0];
                check[0] = Double.longBitsToDouble(r[1]);
            } else {
                Thread[] ts = new Thread[threads];
                long[][] res = new long[threads][];
                for (int k = 0; k < threads; k++) {
                    int from = machines * k / threads;
                    int to = machines * (k + 1) / threads;
                    int kk = k;
                    ts[k] = new Thread(() -> res[kk] = run(ex, data, from, to, hours));
                    ts[k].start();
                }
                for (int k = 0; k < threads; k++) {
                    ts[k].join();
                    rows[0] += res[k][0];
                    check[0] += Double.longBitsToDouble(res[k][1]);
                }
            }
            passes[pass] = (System.nanoTime() - t0) / 1e9;
        }
        double[] timed = Arrays.copyOfRange(passes, 1, passes.length);
        Arrays.sort(timed);
        double s = timed[timed.length / 2];
        long input = (long) machines * hours;
        System.out.printf("{\"input\":\"%s\",\"rows\":%d,\"rows_emitted\":%d,\"features\":%d,\"threads\":%d,"
                        + "\"feature_s\":%.3f,\"rows_per_s\":%.1f,\"load_or_generate_s\":%.3f,\"rss_before_mb\":%.1f,\"peak_rss_mb\":%.1f,"
                        + "\"state_bytes_per_asset\":%d,\"first_pass_s\":%.3f,\"min_s\":%.3f,\"max_s\":%.3f,\"checksum\":%.6e}%n",
                name, input, rows[0], ex.columns().size(), threads, s, input / s, genS, rssBefore / 1024.0,
                status("VmHWM") / 1024.0, ex.newState("x", Map.of()).estimatedBytes(), passes[0], timed[0],
                timed[timed.length - 1], check[0]);
    }

    /** Runs machines [from, to); returns {rows, checksum bits}. */
    private static long[] run(FeatureExtractor ex, double[][] data, int from, int to, int hours) {
        double[] sum = new double[1];
        long[] rows = new long[1];
        RowSink sink = (a, t, v) -> {
            rows[0]++;
            sum[0] += v[0] + v[v.length - 1];
        };
        double[] row = new double[4];
        for (int m = from; m < to; m++) {
            AssetState st = ex.newState(Integer.toString(m), Map.of());
            double[] v = data[m];
            for (int h = 0; h < hours; h++) {
                System.arraycopy(v, h * 4, row, 0, 4);
                st.reading(h, row, sink);
            }
        }
        return new long[] {rows[0], Double.doubleToLongBits(sum[0])};
    }

    /** A field of /proc/self/status in kB. */
    static long status(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
