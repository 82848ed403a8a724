package org.prognos.features.spectral;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A manual check on real data, not a unit test: prints time-domain and spectral features of NASA IMS
 * bearing snapshots (test 2, bearing 1, outer-race failure at the end of the run) so one can see them rise
 * towards failure. The suite never runs it and never reads the dataset archive.
 *
 * <pre>
 *   mkdir -p /tmp/ims &amp;&amp; tar xJf ../shared/datasets/ims-bearing/bearing1_test2.tar.xz -C /tmp/ims
 *   java -cp features/target/classes:features/target/test-classes:commons-math3-3.6.1.jar \
 *       org.prognos.features.spectral.ImsBearingSurvey /tmp/ims/ims1
 * </pre>
 *
 * A snapshot file holds 20,480 samples at 20 kHz, one per line; files sort by their timestamp names.
 */
public final class ImsBearingSurvey {

    static final double RATE_HZ = 20000.0;
    static final double DEFECT_HZ = 236.0;

    private ImsBearingSurvey() {
    }

    /**
     * Reads every snapshot of a directory in time order and prints the median of each feature over each
     * tenth of the run, then the first and last snapshots one by one.
     */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "/tmp/ims/ims1");
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(Files::isRegularFile).sorted().toList();
        }
        List<SpectralFeature> features = List.of(new BandAround(DEFECT_HZ, 10), new BandEnergy(0, 1000),
                new BandEnergy(1000, 3000), new BandEnergy(3000, 5000), new BandEnergy(5000, 10001),
                new DominantFrequency(), new SpectralCentroid(), new SpectralEntropy());
        SpectrumAnalyzer full = new SpectrumAnalyzer(SpectrumSettings.hann(16384));
        SpectrumAnalyzer head = new SpectrumAnalyzer(SpectrumSettings.hann(2048));
        BandAround defect = new BandAround(DEFECT_HZ, 10);
        double[][] rows = new double[files.size()][];
        for (int r = 0; r < rows.length; r++) {
            double[] x = read(files.get(r));
            Spectrum s = full.analyze(x, RATE_HZ);
            double[] row = new double[features.size() + 3];
            row[0] = rms(x);
            row[1] = kurtosis(x);
            for (int f = 0; f < features.size(); f++) {
                row[2 + f] = features.get(f).apply(s);
            }
            row[row.length - 1] = defect.apply(head.analyze(x, 0, 2048, RATE_HZ));
            rows[r] = row;
        }

        PrintStream out = System.out;
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-22s %8s %8s", "snapshots", "rms", "kurt"));
        features.forEach(f -> header.append(String.format(Locale.ROOT, " %19s", f.name())));
        header.append(String.format(Locale.ROOT, " %19s", "2048pt_around_236hz"));
        out.println(header);
        int groups = 10;
        for (int g = 0; g < groups; g++) {
            int from = g * rows.length / groups;
            int to = (g + 1) * rows.length / groups;
            double[] medians = new double[rows[0].length];
            for (int c = 0; c < medians.length; c++) {
                int column = c;
                medians[c] = median(Arrays.stream(rows, from, to).mapToDouble(row -> row[column]).toArray());
            }
            out.println(format(String.format(Locale.ROOT, "median %3d..%3d", from, to - 1), medians));
        }
        for (int r = 0; r < rows.length; r++) {
            if (r < 3 || r >= rows.length - 5) {
                out.println(format(files.get(r).getFileName().toString(), rows[r]));
            }
        }
        out.println(timing(head));
    }

    private static String format(String label, double[] row) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-22s %8.4f %8.3f", label, row[0], row[1]));
        for (int c = 2; c < row.length; c++) {
            line.append(String.format(Locale.ROOT, " %19.4g", row[c]));
        }
        return line.toString();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : 0.5 * (sorted[mid - 1] + sorted[mid]);
    }

    static double[] read(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.US_ASCII).stream()
                .filter(line -> !line.isBlank())
                .mapToDouble(line -> Double.parseDouble(line.trim()))
                .toArray();
    }

    /** Root mean square of the raw signal (offset included, as a vibration RMS is usually quoted). */
    static double rms(double[] x) {
        double sum = 0.0;
        for (double v : x) {
            sum += v * v;
        }
        return Math.sqrt(sum / x.length);
    }

    /** Non-excess kurtosis {@code m4 / m2^2}: 3 for Gaussian vibration, higher when impacts appear. */
    static double kurtosis(double[] x) {
        double mean = 0.0;
        for (double v : x) {
            mean += v;
        }
        mean /= x.length;
        double m2 = 0.0;
        double m4 = 0.0;
        for (double v : x) {
            double d = (v - mean) * (v - mean);
            m2 += d;
            m4 += d * d;
        }
        m2 /= x.length;
        m4 /= x.length;
        return m4 / (m2 * m2);
    }

    private static String timing(SpectrumAnalyzer analyzer) {
        double[] x = Signals.whiteNoise(2048, 1.0, 1);
        double sink = 0.0;
        for (int i = 0; i < 20000; i++) {
            sink += analyzer.analyze(x, RATE_HZ).totalPower();
        }
        int reps = 20000;
        long start = System.nanoTime();
        for (int i = 0; i < reps; i++) {
            sink += analyzer.analyze(x, RATE_HZ).totalPower();
        }
        long elapsed = System.nanoTime() - start;
        return String.format(Locale.ROOT, "2048-point analyze: %.1f us per window (checksum %.3g)",
                elapsed / 1e3 / reps, sink);
    }
}
