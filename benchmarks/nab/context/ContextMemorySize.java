import java.nio.file.*;
import org.prognos.training.nab.*;
import org.prognos.models.anomaly.context.*;

/** Heap held by one ContextScorer after a NAB file (probation range, clipped), measured after GC. */
public class ContextMemorySize {
    static long used() throws Exception {
        for (int i = 0; i < 5; i++) { System.gc(); Thread.sleep(50); }
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }
    public static void main(String[] a) throws Exception {
        for (String key : new String[] {"artificialNoAnomaly/art_noisy.csv", "realKnownCause/machine_temperature_system_failure.csv", "realKnownCause/nyc_taxi.csv", "realTweets/Twitter_volume_AAPL.csv"}) {
            NabSeries s = NabSeries.read(Path.of(a[0]).resolve("data"), key);
            double[] v = s.values();
            long before = used();
            ContextScorer c = ContextScorer.learnedFrom(v, s.probation());
            for (double x : v) c.next(x);
            long after = used();
            System.out.printf("%s rows %d contexts %d semi %d heap %.1f MB (%.0f B/context)%n", key, v.length, c.contexts(), c.semiContexts(), (after - before) / 1e6, (after - before) / (double) c.contexts());
            if (c.rowsSeen() < 0) System.out.println(c);
        }
    }
}
