import java.nio.file.*;
import org.prognos.training.nab.*;
import org.prognos.models.anomaly.context.*;

/** Port check only (lookahead): the whole file's min/max as NAB's harness gives contextOSE, rest = probation / 5. */
public class PortCheck {
    public static void main(String[] a) throws Exception {
        Path nab = Path.of(a[0]);
        Path out = Path.of(a[1]);
        String name = "prognosContextLookahead";
        NabLabels labels = NabLabels.read(nab.resolve("labels/combined_windows.json"));
        long contexts = 0, maxContexts = 0;
        for (String key : labels.keys()) {
            NabSeries s = NabSeries.read(nab.resolve("data"), key);
            double[] v = s.values();
            int p = s.probation();
            ContextDetector d = new ContextDetector(ContextRange.fit(v), ContextSettings.forLearningPeriod(p));
            double[] scores = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                double x = d.score(v[i]);
                scores[i] = i < p ? 0 : x;
            }
            maxContexts = Math.max(maxContexts, d.contexts());
            System.out.println(key + " rows " + v.length + " contexts " + d.contexts() + " semi " + d.semiContexts());
            NabRunner.write(s, scores, labels.labels(s), out.resolve(name).resolve(s.category()).resolve(name + "_" + s.fileName()));
        }
        System.out.println("max contexts " + maxContexts);
    }
}
