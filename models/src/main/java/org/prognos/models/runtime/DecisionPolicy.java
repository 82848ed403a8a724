package org.prognos.models.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.prognos.features.normalize.FittedNormalizer;
import org.prognos.features.spec.FeatureSpec;
import org.prognos.models.bundle.Manifest;
import org.prognos.models.bundle.Task;

/**
 * What the runtime reads from a bundle's metrics to turn predictions into decisions and explanations.
 *
 * <ul>
 * <li><b>Alarm threshold</b>: {@code metrics.decision.threshold}, the risk at which the training job chose to
 * alarm (for a classifier, on P(any failure) = 1 − P(none)); 0.5 when absent. For an anomaly model, 1 − its
 * false-alarm rate (the calibrated score at its raw threshold), whatever the metrics say.</li>
 * <li><b>Risk bands</b> ({@link BandScale}): relative to the threshold for classifiers and RUL models; at
 * false-alarm rates (5α, α, α/10) for an anomaly model, whose score is a calibrated normal-row quantile.</li>
 * <li><b>Reference life</b> (RUL models): the task's cap, else {@code metrics.decision.referenceLife}, else
 * {@value #DEFAULT_REFERENCE_LIFE} units; health is 100 × RUL / reference life, clipped to [0, 100].</li>
 * <li><b>Feature reference values</b> for explanations: {@code metrics.featureReference} (column → typical
 * training value, e.g. the median), when the bundle has it; else 0 for a column computed from a normalized
 * channel (0 is the training mean there), else NaN, which every model treats as "missing" (XGBoost follows
 * its learned default branch).</li>
 * </ul>
 *
 * @param bands         where each risk band starts; its threshold is the alarm threshold on the risk score
 * @param referenceLife the RUL that counts as fully healthy (RUL models; NaN for classifiers)
 * @param references    one reference value per feature column
 * @param referencesFromBundle whether the bundle supplied the reference values
 */
public record DecisionPolicy(BandScale bands, double referenceLife, double[] references, boolean referencesFromBundle) {
    /** Threshold when the bundle names none. */
    public static final double DEFAULT_THRESHOLD = 0.5;
    /** Reference life of an uncapped RUL model whose bundle names none. */
    public static final double DEFAULT_REFERENCE_LIFE = 100;

    public DecisionPolicy {
        Objects.requireNonNull(bands, "bands");
        references = references.clone();
    }

    /** The alarm threshold on the risk score, in (0, 1): where the "high" band starts. */
    public double threshold() {
        return bands.threshold();
    }

    /** The risk band of risk score {@code risk}. */
    public RiskBand band(double risk) {
        return bands.band(risk);
    }

    @Override
    public double[] references() {
        return references.clone();
    }

    /** The reference value of column {@code c} (no copy). */
    public double reference(int c) {
        return references[c];
    }

    /** The policy of the bundle with {@code manifest} and {@code spec}. */
    public static DecisionPolicy of(Manifest manifest, FeatureSpec spec, List<String> channelOfColumn) {
        JsonNode metrics = manifest.metrics();
        JsonNode t = metrics.path("decision").path("threshold");
        BandScale bands;
        if (manifest.task() instanceof Task.Anomaly a) {
            // fixed by the calibration: alarm on a fraction α of normal rows, whatever the metrics say
            bands = new BandScale.FalseAlarm(a.falseAlarmRate());
        } else {
            bands = new BandScale.Relative(t.isNumber() && t.asDouble() > 0 && t.asDouble() < 1 ? t.asDouble() : DEFAULT_THRESHOLD);
        }
        double life = Double.NaN;
        if (manifest.task() instanceof Task.RemainingUsefulLife r) {
            JsonNode rl = metrics.path("decision").path("referenceLife");
            life = r.cap().isPresent() ? r.cap().getAsDouble()
                    : rl.isNumber() && rl.asDouble() > 0 ? rl.asDouble() : DEFAULT_REFERENCE_LIFE;
        }
        List<String> columns = manifest.featureColumns();
        Set<String> normalized = Set.copyOf(spec.normalizer().map(FittedNormalizer::channels).orElse(List.of()));
        JsonNode given = metrics.path("featureReference");
        double[] refs = new double[columns.size()];
        boolean fromBundle = given.isObject();
        for (int c = 0; c < refs.length; c++) {
            JsonNode v = given.path(columns.get(c));
            if (v.isNumber()) {
                refs[c] = v.asDouble();
            } else {
                String ch = channelOfColumn.get(c);
                refs[c] = ch != null && normalized.contains(ch) ? 0 : Double.NaN;
            }
        }
        return new DecisionPolicy(bands, life, refs, fromBundle);
    }
}
