package org.prognos.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.prognos.features.extract.AssetState;
import org.prognos.features.extract.FeatureExtractor;
import org.prognos.features.extract.RowSink;

/**
 * Whole-run feature throughput on the peer's synthetic workload: 1,000 machines × 8,760 hours × 4 channels
 * (8.76 M rows), 24-sample rolling mean/std/min/max/slope of every channel at every row. Input generation
 * is timed separately and excluded, as the peer does; rows are consumed (summed), not stored. Prints one JSON
 * line with rows/s and peak RSS (VmHWM).
 *
 * <p>Run: {@code java -Xmx1g -cp benchmarks/target/benchmarks.jar org.prognos.benchmarks.FeatureThroughput
 * [machines] [hours] [threads]}
 */
public final class FeatureThroughput {
    private FeatureThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int machines = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int hours = args.length > 1 ? Integer.parseInt(args[1]) : 8760;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        long g0 = System.nanoTime();
        double[][] data = new double[machines][];
        for (int m = 0; m < machines; m++) {
            data[m] = PeerWorkload.machine(m, hours, 42);
        }
        double genS = (System.nanoTime() - g0) / 1e9;
        long rssBefore = status("VmRSS");
        FeatureExtractor ex = new FeatureExtractor(PeerWorkload.spec());
        // warm the JIT on a few machines first, as pandas' C loops need no warm-up
        run(ex, data, 0, Math.min(20, machines), hours);
        long t0 = System.nanoTime();
        long[] rows = new long[1];
        double[] check = new double[1];
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
        double s = (System.nanoTime() - t0) / 1e9;
        long input = (long) machines * hours;
        System.out.printf("{\"input\":\"synthetic:%dx%d\",\"rows\":%d,\"rows_emitted\":%d,\"features\":%d,\"threads\":%d,"
                        + "\"feature_s\":%.3f,\"rows_per_s\":%.1f,\"generate_s\":%.3f,\"rss_before_mb\":%.1f,\"peak_rss_mb\":%.1f,"
                        + "\"state_bytes_per_asset\":%d,\"checksum\":%.6e}%n",
                machines, hours, input, rows[0], ex.columns().size(), threads, s, input / s, genS, rssBefore / 1024.0,
                status("VmHWM") / 1024.0, ex.newState("x", Map.of()).estimatedBytes(), check[0]);
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
