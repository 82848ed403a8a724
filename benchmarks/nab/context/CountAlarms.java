import java.nio.file.*;
import org.prognos.training.nab.*;
import org.prognos.models.anomaly.context.*;

/** Contextual member's own alarms (score >= its threshold 0.75) after the probation: given range vs 58's seen range. No labels read. */
public class CountAlarms {
    public static void main(String[] a) throws Exception {
        Path nab = Path.of(a[0]);
        NabLabels labels = NabLabels.read(nab.resolve("labels/combined_windows.json"));
        long given = 0, seen = 0, rows = 0;
        for (String key : labels.keys()) {
            NabSeries s = NabSeries.read(nab.resolve("data"), key);
            double[] v = s.values();
            int p = s.probation();
            ContextSettings st = ContextSettings.forLearningPeriod(p);
            ForgettingContextScorer g = ForgettingContextScorer.givenRange(s.harnessRange(), 2000, st);
            ForgettingContextScorer f = ForgettingContextScorer.learnedFrom(v, p, 0.5, 2000, ForgettingContextScorer.Range.SEEN);
            for (int i = 0; i < v.length; i++) {
                double x = g.next(v[i]);
                double y = f.next(v[i]);
                if (i >= p) { rows++; given += x >= 0.75 ? 1 : 0; seen += y >= 0.75 ? 1 : 0; }
            }
        }
        System.out.println("rows " + rows + " contextual alarms (>= 0.75): given range " + given + ", seen range (58) " + seen);
    }
}
