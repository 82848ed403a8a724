package org.prognos.training.sequence;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.prognos.features.extract.FeatureTable;
import org.prognos.features.labels.RemainingUsefulLife;
import org.prognos.features.spec.FeatureSpec;
import org.prognos.models.bundle.BundleContents;
import org.prognos.models.bundle.LibraryVersions;
import org.prognos.models.bundle.Payload;
import org.prognos.models.bundle.Provenance;
import org.prognos.models.bundle.Task;
import org.prognos.models.dl4j.Dl4jZip;
import org.prognos.models.dl4j.SequenceEnsemble;
import org.prognos.models.dl4j.SequenceInput;

/**
 * A trained sequence model: the networks (a {@link SequenceEnsemble}, the class that serves them from a bundle), what
 * was fitted on the training assets (channel selection, standardization), the split, and each network's epochs.
 * Holds native memory: close it, or hand it to a bundle with {@link #payload()} first and then close it.
 */
public final class SequenceModel implements AutoCloseable {
    private final SequenceEnsemble ensemble;
    private final SequenceSettings settings;
    private final ChannelSelection selection;
    private final ChannelSelection scalarSelection;
    private final List<MemberSummary> members;
    private final List<EpochReport> history;
    private final double seconds;

    /**
     * How one network of the ensemble trained.
     *
     * @param seed           its seed
     * @param fold           the assets it learned from and the fold it was validated on
     * @param epochs         epochs run
     * @param bestEpoch      the epoch whose weights it kept
     * @param validationRows labelled rows of its validation fold
     * @param validationRmse RMSE of its clipped predictions on those rows at the best epoch, in the target's unit
     * @param seconds        its training time
     */
    public record MemberSummary(long seed, AssetFold fold, int epochs, int bestEpoch, int validationRows,
                                double validationRmse, double seconds) {
    }

    SequenceModel(SequenceEnsemble ensemble, SequenceSettings settings, ChannelSelection selection,
                  ChannelSelection scalarSelection, List<MemberSummary> members, List<EpochReport> history,
                  double seconds) {
        this.ensemble = ensemble;
        this.settings = settings;
        this.selection = selection;
        this.scalarSelection = scalarSelection;
        this.members = List.copyOf(members);
        this.history = List.copyOf(history);
        this.seconds = seconds;
    }

    /** Predicts remaining life (in the label's unit, clipped to [0, cap]) for rows {@code rows} of {@code table}. */
    public double[] predict(FeatureTable table, int[] rows) {
        double[][] x = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            x[i] = table.row(rows[i]);
        }
        return predict(x, table.columns());
    }

    /** Predicts remaining life for feature rows indexed like {@code columns}. */
    public double[] predict(double[][] rows, List<String> columns) {
        return ensemble.predict(rows, ensemble.input().indicesIn(columns));
    }

    /**
     * Out-of-fold estimates: for each member, its prediction on the rows of the assets of its validation fold (which
     * it never learned from; it only chose its stopping epoch on them). Rows of assets in no member's fold are NaN
     * (an ensemble with fewer members than folds).
     *
     * @param assets the asset of each row
     */
    public double[] outOfFold(double[][] rows, String[] assets, List<String> columns) {
        double[] out = new double[rows.length];
        java.util.Arrays.fill(out, Double.NaN);
        int[] indices = ensemble.input().indicesIn(columns);
        for (int m = 0; m < members.size(); m++) {
            java.util.Set<String> fold = new java.util.HashSet<>(members.get(m).fold().validation());
            int[] held = java.util.stream.IntStream.range(0, rows.length)
                    .filter(i -> Double.isNaN(out[i]) && fold.contains(assets[i])).toArray();
            if (held.length == 0) {
                continue;
            }
            double[][] x = java.util.Arrays.stream(held).mapToObj(i -> rows[i]).toArray(double[][]::new);
            double[] e = ensemble.predictMember(m, x, indices);
            for (int k = 0; k < held.length; k++) {
                out[held[k]] = e[k];
            }
        }
        return out;
    }

    /** The payload for a bundle (kind {@code dl4j-zip}). */
    public Payload payload() {
        return ensemble.payload();
    }

    /**
     * What to publish: this model's payload with its task, spec, provenance (settings, seed, split, library
     * versions with DL4J's) and metrics.
     *
     * @param name        the model name
     * @param spec        the fitted feature spec the rows came from
     * @param labeler     the label the model learned (its cap becomes the task's)
     * @param unit        the label's unit, e.g. {@code "cycle"}
     * @param fingerprint a digest of the training data
     * @param metrics     the evaluation, a JSON object
     */
    public BundleContents bundle(String name, FeatureSpec spec, RemainingUsefulLife labeler, String unit,
                                 String fingerprint, JsonNode metrics) {
        long seed = settings.training().seed();
        Provenance provenance = new Provenance(fingerprint, describeSplit(), seed, hyperparameters(),
                LibraryVersions.current().withDl4j(Dl4jZip.dl4jVersion()));
        return BundleContents.of(name, Task.of(labeler, unit), spec, provenance, metrics, payload());
    }

    /** The settings as provenance hyperparameters. */
    public Map<String, JsonNode> hyperparameters() {
        return Provenance.hyperparametersOf(settings);
    }

    /** The networks, as served. */
    public SequenceEnsemble ensemble() {
        return ensemble;
    }

    /** The input layout and standardization fitted on the training assets. */
    public SequenceInput input() {
        return ensemble.input();
    }

    /** The selection among the scalar candidates ({@link SequenceSettings#scalars}), with their statistics. */
    public ChannelSelection scalarSelection() {
        return scalarSelection;
    }

    /** The settings it was trained with. */
    public SequenceSettings settings() {
        return settings;
    }

    /** The channel selection, with every candidate's statistics. */
    public ChannelSelection selection() {
        return selection;
    }

    /**
     * The validation RMSE of the networks pooled over their folds (each network on the assets it never learned
     * from), in the target's unit: a cross-validated estimate of one network's error on new assets, for tuning.
     */
    public double validationRmse() {
        double se = 0;
        long n = 0;
        for (MemberSummary m : members) {
            se += m.validationRmse() * m.validationRmse() * m.validationRows();
            n += m.validationRows();
        }
        return Math.sqrt(se / n);
    }

    /** The split as provenance records it. */
    public String describeSplit() {
        MemberSummary first = members.get(0);
        int assets = first.fold().fit().size() + first.fold().validation().size();
        return "by asset: " + members.size() + " network(s), network m learns from the training assets outside fold"
                + " m of " + Math.max(2, Math.round(1 / settings.training().validationFraction())) + " folds of "
                + assets + " (seed " + settings.training().seed() + ") and stops early on that fold; channel"
                + " selection and standardization fitted on all training assets; no test data";
    }

    /** One summary per network. */
    public List<MemberSummary> members() {
        return members;
    }

    /** Every epoch of every network, in order. */
    public List<EpochReport> history() {
        return history;
    }

    /** Wall-clock training time, from the first statistic to the last epoch. */
    public double seconds() {
        return seconds;
    }

    /** Releases the networks' native memory. */
    @Override
    public void close() {
        ensemble.close();
    }
}
