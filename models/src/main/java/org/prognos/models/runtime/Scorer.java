package org.prognos.models.runtime;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.prognos.models.predict.Occluder;
import org.prognos.models.predict.Predictions;
import org.prognos.models.runtime.answer.Explanation;
import org.prognos.models.runtime.answer.FeatureContribution;
import org.prognos.models.runtime.answer.GroupContribution;
import org.prognos.models.runtime.answer.ModelRef;
import org.prognos.models.runtime.answer.RiskSummary;
import org.prognos.models.runtime.answer.ScoreResponse;

/**
 * Turns feature vectors into answers with one call to the model's batch path.
 *
 * <h2>Explanation: occlusion</h2>
 * For a vector x with k columns in g groups (sensors, events, attributes), the batch holds x itself, k copies of x
 * each with one column replaced by its reference value (see {@link DecisionPolicy}), and g copies each with one
 * whole group replaced. The contribution of a column (or group) is risk(x) − risk(x with it at its reference): how
 * much it raises the risk score compared with a typical value. It works for any model (it only calls
 * {@code predict}), costs one prediction call of 1 + k + g rows per asset, and is exact about what the model does
 * with that one change; interactions are not split between features (a group's joint occlusion shows them).
 *
 * <p>When the model offers an {@link Occluder} (XGBoost models whose trees the runtime
 * could read and check against the booster), the occluded copies are not scored one by one: the trees give them
 * by walking again only where an occluded column is on the row's path (same numbers to about 1e-7). When that walk
 * also gives the model's own outputs exactly ({@link Occluder#exact()}: trees summed the booster's way), the answer's
 * score comes from it and the model is not called; otherwise it comes from one batch call with one row per asset.
 *
 * <h2>Explaining what crosses a threshold</h2>
 * Alerts explain a score only at or past the alarm threshold, and only the score tells whether it is: a stream scores
 * plainly first. {@link #score(LoadedModel, List, int, ExplainWhen)} is that one step for the service's ingest and the
 * Flink job: one plain call for all the vectors, then one call for the occluded copies of those picked (none where an
 * exact occluder walks the trees). A picked vector's own row is not predicted again: its contributions are taken
 * against its plain risk, so its answer keeps the risk the decision was made on. One pass that explained everything
 * up front would predict 1 + k + g rows for every vector to explain the few that alarm.
 */
public final class Scorer {
    /** The explanation method's name on the wire. */
    public static final String METHOD = "occlusion";

    private Scorer() {
    }

    /**
     * Risk scores only (no explanation), one prediction call for all vectors, whose asset is not known: for ranking
     * with a model that scores every asset alike.
     *
     * @throws IllegalArgumentException when {@code m} scales each asset by its own ({@link LoadedModel#ownScaledAssets}):
     *                                  its rows need their assets ({@link #risks(LoadedModel, double[][], List)}), or
     *                                  every one would be scored on the fleet's scaling without a word
     */
    public static double[] risks(LoadedModel m, double[][] vectors) {
        if (m.ownScaledAssets() > 0) {
            throw new IllegalArgumentException(m + " scales each asset by its own: score its rows with their assets");
        }
        return risks(m, vectors, java.util.Collections.nCopies(vectors.length, Optional.empty()));
    }

    /**
     * Risk scores only (no explanation), one prediction call for all vectors, vector {@code i} of asset
     * {@code assets.get(i)} (empty where unknown): an anomaly model with per-asset scaling scales each by its asset's
     * own, an asset it has none for by the fleet's.
     */
    public static double[] risks(LoadedModel m, double[][] vectors, List<Optional<String>> assets) {
        Readout readout = m.readout();
        double[][] out = readout.outputs(m.ownScaledAssets() > 0 ? m.predictor().predict(vectors, assets)
                : m.predictor().predict(vectors));
        double[] risks = new double[out.length];
        for (int i = 0; i < risks.length; i++) {
            risks[i] = readout.risk(out[i]);
        }
        return risks;
    }

    /** Picks, from a vector's plain answer, whether to explain it (for alerts: at or past the alarm threshold). */
    @FunctionalInterface
    public interface ExplainWhen {
        /** Whether to explain vector {@code index}, whose unexplained answer is {@code plain}. */
        boolean explain(int index, ScoreResponse plain);
    }

    /**
     * Answers for {@code vectors}, those {@code when} picks from their plain answers explained with the
     * {@code topFeatures} largest contributions (none when it is 0): one prediction call for all, one more for the
     * occluded copies of the picked ones (see the class comment).
     */
    public static List<ScoreResponse> score(LoadedModel m, List<FeatureVector> vectors, int topFeatures, ExplainWhen when) {
        if (vectors.isEmpty()) {   // a stream's step that emitted no row: no call
            return List.of();
        }
        List<ScoreResponse> answers = new ArrayList<>(score(m, vectors, 0));
        List<Integer> picked = new ArrayList<>();
        for (int v = 0; v < answers.size() && topFeatures > 0; v++) {
            if (when.explain(v, answers.get(v))) {
                picked.add(v);
            }
        }
        if (picked.isEmpty()) {
            return answers;
        }
        Readout readout = m.readout();
        Optional<Occluder> occluder = m.occluder();
        double[][] out = null;
        int per = m.extractor().columns().size() + m.groups().size();
        if (occluder.isEmpty()) {
            double[][] batch = new double[picked.size() * per][];
            for (int p = 0; p < picked.size(); p++) {
                FeatureVector picked1 = vectors.get(picked.get(p));
                occludedCopies(m, picked1.values(), m.references(picked1.asset()), batch, p * per);
            }
            out = readout.outputs(predict(m, batch, picked.stream().map(vectors::get).toList(), per));
        }
        for (int p = 0; p < picked.size(); p++) {
            int v = picked.get(p);
            double[] x = vectors.get(v).values();
            Explanation explanation;
            if (occluder.isPresent()) {   // contributions are differences of the trees' own risks, as in one pass
                double[][] occluded = occluder.get().occlude(x);
                explanation = explain(m, x, vectors.get(v).asset(), readout.risk(occluded[0]), occluded, readout, 1,
                        topFeatures);
            } else {
                explanation = explain(m, x, vectors.get(v).asset(), answers.get(v).risk().score(), out, readout,
                        p * per, topFeatures);
            }
            answers.set(v, answers.get(v).withExplanation(explanation));
        }
        return answers;
    }

    /**
     * {@code fv}'s warnings, and {@code m}'s when it has no scaling of {@code fv}'s asset's own
     * ({@link LoadedModel#scalingWarning}).
     */
    private static List<String> warnings(LoadedModel m, FeatureVector fv) {
        Optional<String> scaling = m.scalingWarning(fv.asset());
        if (scaling.isEmpty()) {
            return fv.warnings();
        }
        List<String> all = new ArrayList<>(fv.warnings());
        all.add(scaling.get());
        return all;
    }

    /**
     * The model's outputs for {@code batch}, {@code per} rows per vector of {@code vectors}: with each row's asset for
     * a model that scales each asset by its own, plainly (no asset list built on the hot path) for every other.
     */
    private static Predictions predict(LoadedModel m, double[][] batch, List<FeatureVector> vectors, int per) {
        return m.ownScaledAssets() > 0 ? m.predictor().predict(batch, assetsOf(vectors, per)) : m.predictor().predict(batch);
    }

    /** Each vector's asset, {@code per} times in a row: the assets of a batch of {@code per} rows per vector. */
    private static List<Optional<String>> assetsOf(List<FeatureVector> vectors, int per) {
        List<Optional<String>> assets = new ArrayList<>(vectors.size() * per);
        for (FeatureVector v : vectors) {
            for (int i = 0; i < per; i++) {
                assets.add(v.asset());
            }
        }
        return assets;
    }

    /** Answers for {@code vectors}, explained when {@code topFeatures} is positive, with one prediction call. */
    public static List<ScoreResponse> score(LoadedModel m, List<FeatureVector> vectors, int topFeatures) {
        boolean explain = topFeatures > 0;
        DecisionPolicy policy = m.policy();
        Readout readout = m.readout();
        Optional<Occluder> occluder = explain ? m.occluder() : Optional.empty();
        int n = vectors.size();
        double[][][] occluded = new double[n][][];   // per vector, from the trees: x, then its occluded copies
        double[][] out;                               // the model's outputs: a row per vector, or per batch row
        int per = 1;                                  // batch rows per vector
        if (occluder.isPresent()) {
            for (int v = 0; v < n; v++) {
                occluded[v] = occluder.get().occlude(vectors.get(v).values());
            }
            if (occluder.get().exact()) {             // the walk gave the model's own outputs: no call needed
                out = new double[n][];
                for (int v = 0; v < n; v++) {
                    out[v] = occluded[v][0];
                }
            } else {
                double[][] batch = new double[n][];
                for (int v = 0; v < n; v++) {
                    batch[v] = vectors.get(v).values();
                }
                out = readout.outputs(predict(m, batch, vectors, 1));
            }
        } else {
            ColumnGroups groups = m.groups();
            int k = m.extractor().columns().size();
            per = explain ? 1 + k + groups.size() : 1;
            double[][] batch = new double[n * per][];
            for (int v = 0; v < n; v++) {
                double[] x = vectors.get(v).values();
                int base = v * per;
                batch[base] = x;
                if (per > 1) {
                    occludedCopies(m, x, m.references(vectors.get(v).asset()), batch, base + 1);
                }
            }
            out = readout.outputs(predict(m, batch, vectors, per));
        }
        ModelRef ref = new ModelRef(m.name(), m.version());
        List<ScoreResponse> answers = new ArrayList<>(n);
        for (int v = 0; v < n; v++) {
            FeatureVector fv = vectors.get(v);
            int base = v * per;
            double[] o = out[base];
            double risk = readout.risk(o);
            RiskBand band = policy.band(risk);
            RiskSummary summary = new RiskSummary(risk, band.label(), policy.threshold(), band.alarm(), band.action());
            Optional<Explanation> explanation = Optional.empty();
            if (occluder.isPresent()) {
                // contributions are differences of the trees' own risks
                explanation = Optional.of(explain(m, fv.values(), fv.asset(), readout.risk(occluded[v][0]),
                        occluded[v], readout, 1,
                        topFeatures));
            } else if (explain) {
                explanation = Optional.of(explain(m, fv.values(), fv.asset(), risk, out, readout, base + 1,
                        topFeatures));
            }
            answers.add(new ScoreResponse(ref, fv.asset(), m.extractor().axis().format(fv.time()), fv.readings(),
                    readout.failure(o), readout.remainingLife(o), readout.anomaly(o), readout.health(o), summary, explanation,
                    warnings(m, fv)));
        }
        return answers;
    }

    /**
     * Writes {@code x}'s occluded copies into {@code batch} from {@code from}: k copies each with one column at its
     * reference, then one per group with the group's columns at theirs.
     */
    private static void occludedCopies(LoadedModel m, double[] x, double[] reference, double[][] batch, int from) {
        ColumnGroups groups = m.groups();
        int k = m.extractor().columns().size();
        for (int c = 0; c < k; c++) {
            double[] row = x.clone();
            row[c] = reference[c];
            batch[from + c] = row;
        }
        for (int gi = 0; gi < groups.size(); gi++) {
            double[] row = x.clone();
            for (int c : groups.columnsOf(gi)) {
                row[c] = reference[c];
            }
            batch[from + k + gi] = row;
        }
    }

    /** {@code x}'s explanation from its risk and its occluded copies' outputs, which start at {@code out[first]}. */
    private static Explanation explain(LoadedModel m, double[] x, Optional<String> asset, double risk, double[][] out, Readout readout,
                                       int first, int top) {
        List<String> columns = m.extractor().columns();
        ColumnGroups groups = m.groups();
        DecisionPolicy policy = m.policy();
        double[] reference = m.references(asset);
        int k = columns.size();
        double[] contribution = new double[k];
        for (int c = 0; c < k; c++) {
            contribution[c] = risk - readout.risk(out[first + c]);
        }
        String[] groupOf = new String[k];
        for (int gi = 0; gi < groups.size(); gi++) {
            for (int c : groups.columnsOf(gi)) {
                groupOf[c] = groups.names().get(gi);
            }
        }
        int[] order = topByMagnitude(contribution, Math.min(top, k));
        List<FeatureContribution> features = new ArrayList<>(order.length);
        for (int c : order) {
            features.add(new FeatureContribution(columns.get(c), groupOf[c], optional(x[c]), optional(reference[c]),
                    contribution[c]));
        }
        List<GroupContribution> byGroup = new ArrayList<>();
        for (int gi = 0; gi < groups.size(); gi++) {
            byGroup.add(new GroupContribution(groups.names().get(gi), groups.isSensor(gi), risk - readout.risk(out[first + k + gi])));
        }
        byGroup.sort(Comparator.comparingDouble((GroupContribution gc) -> -Math.abs(gc.contribution())));
        String source = m.ownReferences(asset) ? "asset" : policy.referencesFromBundle() ? "bundle" : "default";
        return new Explanation(METHOD, source, features, byGroup);
    }

    /**
     * The indices of the {@code top} largest magnitudes, largest first and the lower index first among equals (NaN
     * last): a partial selection, as the answer lists only a few of the columns.
     */
    static int[] topByMagnitude(double[] values, int top) {
        int[] order = new int[top];
        boolean[] taken = new boolean[values.length];
        for (int i = 0; i < top; i++) {
            int best = -1;
            for (int c = 0; c < values.length; c++) {
                if (!taken[c] && (best < 0 || Double.compare(-Math.abs(values[c]), -Math.abs(values[best])) < 0)) {
                    best = c;
                }
            }
            taken[best] = true;
            order[i] = best;
        }
        return order;
    }

    private static OptionalDouble optional(double v) {
        return Double.isNaN(v) ? OptionalDouble.empty() : OptionalDouble.of(v);
    }
}
