import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.*;
import java.util.*;
import org.prognos.training.nab.NabSeries;

/**
 * Time per row of prognosKnnContextForget2000's contextual state (ForgettingContextScorer, memory 2000, margin 0.5,
 * the seen range, NAB's probation to learn) fed a whole NAB file, for two builds of the models module side by side in
 * one JVM (each in its own class loader), rounds alternating between them so that a shared machine's load falls on
 * both alike: per file the median of each build's rounds and the median of the per-round ratios B / A; the builds'
 * score sums must be equal. Args: the NAB folder, build A's models classes, build B's, the rounds (default 7). Needs
 * the training classes (NabSeries) and the models module's dependencies on the class path. A reflective call a row
 * costs both builds alike (tens of nanoseconds against tens of microseconds).
 */
public class ReplayTiming {
    static final String[] FILES = {"realKnownCause/machine_temperature_system_failure.csv", "realKnownCause/nyc_taxi.csv",
        "realTweets/Twitter_volume_AAPL.csv", "artificialNoAnomaly/art_noisy.csv"};

    /** One build's scorer, reached by reflection through its own loader. */
    record Build(Method learnedFrom, Method next, Object seen) {
        static Build of(String classes) throws Exception {
            ClassLoader loader = new URLClassLoader(new URL[] {Path.of(classes).toUri().toURL()}, ReplayTiming.class.getClassLoader()) {
                @Override
                protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                    if (!name.startsWith("org.prognos.models.")) {
                        return super.loadClass(name, resolve);          // the models classes: this build's, not the parent's
                    }
                    synchronized (getClassLoadingLock(name)) {
                        Class<?> c = findLoadedClass(name);
                        return c != null ? c : findClass(name);
                    }
                }
            };
            Class<?> scorer = loader.loadClass("org.prognos.models.anomaly.context.ForgettingContextScorer");
            Class<?> rule = loader.loadClass("org.prognos.models.anomaly.context.ForgettingContextScorer$Range");
            return new Build(scorer.getMethod("learnedFrom", double[].class, int.class, double.class, int.class, rule),
                    scorer.getMethod("next", double.class), rule.getField("SEEN").get(null));
        }

        double run(double[] v, int probation) throws Exception {
            Object s = learnedFrom.invoke(null, v, probation, 0.5, 2000, seen);
            double sum = 0;
            for (double x : v) {
                sum += (double) next.invoke(s, x);
            }
            return sum;
        }
    }

    public static void main(String[] a) throws Exception {
        int rounds = a.length > 3 ? Integer.parseInt(a[3]) : 7;
        Build[] builds = {Build.of(a[1]), Build.of(a[2])};
        for (String key : FILES) {
            NabSeries s = NabSeries.read(Path.of(a[0]).resolve("data"), key);
            double[][] ms = new double[2][rounds];
            double[] ratio = new double[rounds];
            for (int r = -1; r < rounds; r++) {                      // round -1 warms both up
                double[] sums = new double[2];
                for (int b = 0; b < 2; b++) {
                    long t0 = System.nanoTime();
                    sums[b] = builds[b].run(s.values(), s.probation());
                    if (r >= 0) {
                        ms[b][r] = (System.nanoTime() - t0) / 1e6;
                    }
                }
                if (sums[0] != sums[1]) {
                    throw new IllegalStateException(key + ": the builds' scores differ, " + sums[0] + " against " + sums[1]);
                }
                if (r >= 0) {
                    ratio[r] = ms[1][r] / ms[0][r];
                }
            }
            System.out.printf(Locale.ROOT, "%s: A %.1f us/row, B %.1f us/row (medians of %d rounds), B / A %.2f (median of the rounds' ratios; %.2f to %.2f)%n",
                    key, median(ms[0]) * 1e3 / s.size(), median(ms[1]) * 1e3 / s.size(), rounds, median(ratio),
                    Arrays.stream(ratio).min().orElseThrow(), Arrays.stream(ratio).max().orElseThrow());
        }
    }

    static double median(double[] x) {
        double[] y = x.clone();
        Arrays.sort(y);
        return y[y.length / 2];
    }
}
