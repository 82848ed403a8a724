import java.nio.file.*;
import java.util.*;
import org.openjdk.jol.info.GraphLayout;
import org.prognos.training.nab.*;
import org.prognos.models.anomaly.context.*;

/**
 * Heap one asset's forgetting contextual state holds (prognosKnnContextForget2000's: memory 2000, margin 0.5, the seen
 * range, NAB's probation to learn), measured with JOL at the row of each file where its two detectors hold the most
 * contexts, with the classes that hold it; the most bytes a context along the file (JOL every 250 rows once the
 * detectors hold 100 contexts, the ring of 2 · memory values left out, as estimatedBytes counts it apart); then the
 * time per row of the whole file (median of rounds). Args: the NAB folder, optionally the rounds (default 5) and
 * "footprint" to print JOL's table by class.
 */
public class ForgettingMemorySize {
    static final String[] FILES = {"realKnownCause/machine_temperature_system_failure.csv", "realKnownCause/nyc_taxi.csv",
        "realTweets/Twitter_volume_AAPL.csv", "artificialNoAnomaly/art_noisy.csv"};

    static ForgettingContextScorer scorer(NabSeries s) {
        return ForgettingContextScorer.learnedFrom(s.values(), s.probation(), 0.5, 2000, ForgettingContextScorer.Range.SEEN);
    }

    public static void main(String[] a) throws Exception {
        int rounds = a.length > 1 ? Integer.parseInt(a[1]) : 5;
        boolean footprint = a.length > 2 && a[2].equals("footprint");
        for (String key : FILES) {
            NabSeries s = NabSeries.read(Path.of(a[0]).resolve("data"), key);
            double[] v = s.values();
            ForgettingContextScorer c = scorer(s);
            int peakRow = 0, peak = -1;
            double check = 0;
            for (int i = 0; i < v.length; i++) {
                check += c.next(v[i]);
                if (c.contexts() > peak) { peak = c.contexts(); peakRow = i; }
            }
            ForgettingContextScorer p = scorer(s);
            for (int i = 0; i <= peakRow; i++) p.next(v[i]);
            GraphLayout g = GraphLayout.parseInstance(p);
            long ring = GraphLayout.parseInstance((Object) new double[4000]).totalSize();
            ForgettingContextScorer along = scorer(s);
            double worst = 0;
            for (int i = 0; i < v.length; i++) {
                along.next(v[i]);
                if (i % 250 == 0 && along.contexts() >= 100) {
                    worst = Math.max(worst, (GraphLayout.parseInstance(along).totalSize() - ring) / (double) along.contexts());
                }
            }
            double[] ms = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                long t0 = System.nanoTime();
                ForgettingContextScorer t = scorer(s);
                for (double x : v) t.next(x);
                ms[r] = (System.nanoTime() - t0) / 1e6;
            }
            Arrays.sort(ms);
            System.out.printf(Locale.ROOT, "%s rows %d peak at row %d: %d contexts, %d bytes (%.0f B/context; %.0f without the ring; at most %.0f along the file); whole file %.0f ms median of %d (%.1f us/row; runs %s); score sum %.12f%n",
                    key, v.length, peakRow, peak, g.totalSize(), g.totalSize() / (double) peak,
                    (g.totalSize() - ring) / (double) peak, worst, ms[rounds / 2], rounds,
                    ms[rounds / 2] * 1e3 / v.length, Arrays.toString(Arrays.stream(ms).mapToLong(Math::round).toArray()), check);
            if (footprint) System.out.println(g.toFootprint());
        }
    }
}
