package org.prognos.inference.state;

import java.util.Optional;
import org.prognos.PrognosException;
import org.prognos.features.extract.RowSink;
import org.prognos.inference.catalog.ServedModel;
import org.prognos.models.anomaly.AdaptiveBasis;
import org.prognos.models.anomaly.AdaptiveScorer;
import org.prognos.models.anomaly.AnomalyModel;
import org.prognos.models.runtime.AdaptiveAnswers;
import org.prognos.models.runtime.RiskBand;
import org.prognos.models.runtime.answer.ScoreResponse;

/**
 * The adaptive anomaly scorer an asset keeps next to its feature state when its model is scored adaptively
 * ({@link org.prognos.models.runtime.LoadedModel#adaptiveAnomaly()}): one {@link AdaptiveScorer} per asset, fed every
 * feature row its state emits, live or replayed from the journal, in the order batch extraction emits them; so the
 * asset's score after its last reading is the score the batch path gives that row. A model that scales each asset by
 * its own normal rows makes the asset's scorer with its own scaling (the fleet's for an asset it has none for).
 *
 * <p>A scorer's rings hold rows in its model's scaled units. Whether a scorer made under one load of the model goes on
 * under another is one rule, {@link AdaptiveBasis#whyRestart} (the same feature spec, adaptive settings, columns and
 * scaling, and, scoring with the fitted detector, the same detector), asked in two places: at an asset's next reading
 * after a reload (another version, or the same bundle loaded again), and when a restart restores a snapshot taken
 * under another version than the one served now (a reload happened after the snapshot). Either way the scorer goes
 * on, or starts afresh, warm-up included; the catalog logs which at the reload, the restore at the restart. A model no
 * longer scored adaptively drops it; a rebuilt feature state starts it afresh. It is evicted, deleted and reset with
 * the asset, kept in the asset's snapshot ({@code AssetLog}, with the basis it was made under) and counted in the
 * asset's bytes.
 */
final class AdaptiveSlots {
    private AdaptiveSlots() {
    }

    /**
     * Gives the slot a scorer for {@code m} when {@code m} is scored adaptively: its own, carried over when it was
     * made for another load of the model (a reload) that means the same ({@link AdaptiveBasis#whyRestart}), else a
     * fresh one. Hold the slot's lock.
     */
    static void prepare(AssetSlot slot, ServedModel m) {
        Optional<AnomalyModel> adaptive = m.loaded().adaptiveAnomaly();
        if (adaptive.isEmpty()) {
            slot.adaptive = null;
        } else if (slot.adaptive == null) {
            fresh(slot, m);
        } else if (slot.adaptiveModel != adaptive.get()) {
            if (carries(slot, m)) {
                slot.adaptive = slot.adaptive.carriedTo(ownOf(adaptive.get(), slot));
                slot.adaptiveModel = adaptive.get();
                slot.adaptiveBasis = m.loaded().adaptiveBasis().orElseThrow();
                slot.adaptiveVersion = m.version();
            } else {
                fresh(slot, m);
            }
        }
    }

    /** Whether the slot's scorer, made for another load of the model, goes on under {@code m} (scored adaptively). */
    private static boolean carries(AssetSlot slot, ServedModel m) {
        return slot.adaptiveBasis.whyRestart(m.loaded().adaptiveBasis().orElseThrow()).isEmpty();
    }

    /** Starts the slot's scorer afresh (its state was emptied or rebuilt). Hold the slot's lock. */
    static void restart(AssetSlot slot) {
        if (slot.adaptive != null) {
            slot.adaptive = new AdaptiveScorer(ownOf(slot.adaptiveModel, slot), slot.adaptive.settings());
        }
    }

    /**
     * What a snapshot's adaptive scorer becomes under {@code m}, the model served now.
     *
     * @param scorer the scorer restored under {@code m}; empty when there was none, or when it restarts (the asset's
     *               next reading starts a fresh one)
     * @param note   for the log, when the snapshot was taken under another version: whether its scorers carry over, or
     *               restart and why (one line for every asset of that version, so the restore logs each line once)
     */
    record Restored(Optional<AdaptiveScorer> scorer, Optional<String> note) {
    }

    /**
     * The scorer a snapshot's bytes hold, restored under {@code m} when it was taken under a load that means the same
     * ({@link AdaptiveBasis#whyRestart}: the rule a reload follows), whichever version that was. A snapshot written
     * before snapshots kept their basis restores only under the version it was taken for.
     *
     * @param asset the asset's name (its tenant's id for it): its scorer is restored with its own scaling, if any
     * @throws org.prognos.PrognosException when the scorer's bytes are not such a scorer's
     */
    static Restored read(ServedModel m, String asset, int version, byte[] basis, byte[] scorer) {
        Optional<AnomalyModel> adaptive = m.loaded().adaptiveAnomaly();
        if (adaptive.isEmpty() || scorer.length == 0) {
            return new Restored(Optional.empty(), Optional.empty());
        }
        Optional<String> why = whyRestart(m, version, basis);
        String taken = "assets' adaptive scorers taken under version " + version;
        if (why.isPresent()) {
            return new Restored(Optional.empty(), Optional.of(taken + " restart (warming up) at their next reading: " + why.get()));
        }
        AdaptiveScorer restored = AdaptiveScorer.restore(adaptive.get().forAsset(Optional.of(asset)),
                adaptive.get().adaptive().orElseThrow(), scorer);
        return new Restored(Optional.of(restored), version == m.version() ? Optional.empty()
                : Optional.of(taken + " carry over to version " + m.version() + " (" + ServedModel.MEANS_THE_SAME + ")"));
    }

    /** Why a scorer kept with {@code basis} under {@code version} cannot go on under {@code m}; empty when it can. */
    private static Optional<String> whyRestart(ServedModel m, int version, byte[] basis) {
        AdaptiveBasis now = m.loaded().adaptiveBasis().orElseThrow();
        if (basis.length > 0) {
            try {
                return AdaptiveBasis.decode(basis).whyRestart(now);
            } catch (PrognosException e) {
                return Optional.of(e.getMessage());
            }
        }
        return version == m.version() ? Optional.empty()
                : Optional.of("the snapshot was written before snapshots kept what their scorer means, under another version");
    }

    /** Gives the slot the scorer {@link #read} restored for {@code m}, or none. Hold the slot's lock. */
    static void install(AssetSlot slot, ServedModel m, Optional<AdaptiveScorer> scorer) {
        slot.adaptive = scorer.orElse(null);
        slot.adaptiveModel = scorer.isPresent() ? m.loaded().adaptiveAnomaly().orElseThrow() : null;
        slot.adaptiveBasis = scorer.isPresent() ? m.loaded().adaptiveBasis().orElseThrow() : null;
        slot.adaptiveVersion = m.version();
    }

    /** Where the slot's state sends the rows it emits: its scorer, or nowhere. Hold the slot's lock while it is used. */
    static RowSink feed(AssetSlot slot) {
        AdaptiveScorer scorer = slot.adaptive;
        return scorer == null ? RowSink.discard() : (asset, time, values) -> scorer.next(time, values);
    }

    /**
     * The slot's last step under {@code m}: empty when {@code m} is not scored adaptively by this slot's scorer, nor by
     * one it carries over (a reload the asset has had no reading since). Hold the slot's lock.
     */
    static Optional<AdaptiveScorer.Step> step(AssetSlot slot, ServedModel m) {
        Optional<AnomalyModel> adaptive = m.loaded().adaptiveAnomaly();
        if (slot.adaptive == null || adaptive.isEmpty()) {
            return Optional.empty();
        }
        boolean own = slot.adaptiveModel == adaptive.get();
        return own || carries(slot, m) ? slot.adaptive.last() : Optional.empty();
    }

    /**
     * {@code m}'s answer: {@code fitted} itself, or for a model scored adaptively {@code fitted} with the asset's step
     * as its risk, band, health index and {@code anomaly.adaptive}, its scaling warning told where the asset's learning
     * of its scaling stands ({@link AdaptiveAnswers}).
     */
    static ScoreResponse answer(ServedModel m, ScoreResponse fitted, Optional<AdaptiveScorer.Step> step) {
        Optional<AnomalyModel> adaptive = m.loaded().adaptiveAnomaly();
        return adaptive.isEmpty() ? fitted
                : AdaptiveAnswers.of(m.loaded(), fitted, step.orElse(AdaptiveAnswers.NO_ROW_YET));
    }

    /** {@code m}'s risk: {@code fitted}, or for a model scored adaptively the step's score ({@code NaN} stays {@code NaN}). */
    static double risk(ServedModel m, double fitted, Optional<AdaptiveScorer.Step> step) {
        return Double.isNaN(fitted) || m.loaded().adaptiveAnomaly().isEmpty() ? fitted
                : step.orElse(AdaptiveAnswers.NO_ROW_YET).score();
    }

    /** The band of a risk of {@code m} (adaptive scores have their own bands, see {@link AdaptiveAnswers}). */
    static RiskBand band(ServedModel m, double risk) {
        return m.loaded().adaptiveAnomaly().map(a -> AdaptiveAnswers.bands(a.adaptive().orElseThrow()).band(risk))
                .orElseGet(() -> m.policy().band(risk));
    }

    /** The health index of a risk of {@code m}, as {@code m}'s answers give it (adaptive scores have their own scale). */
    static double health(ServedModel m, double risk) {
        return m.loaded().adaptiveAnomaly().map(a -> AdaptiveAnswers.health(a.adaptive().orElseThrow(), risk))
                .orElseGet(() -> m.loaded().health(risk));
    }

    /** The alarm threshold on {@code m}'s risk. */
    static double threshold(ServedModel m) {
        return m.loaded().adaptiveAnomaly().map(a -> a.adaptive().orElseThrow().alarmLevel())
                .orElseGet(() -> m.policy().threshold());
    }

    /** The heap the slot's scorer holds (0 without one). */
    static long bytes(AssetSlot slot) {
        return slot.adaptive == null ? 0 : slot.adaptive.estimatedBytes();
    }

    /**
     * The model the slot's scorer is made with: {@code model} with the asset's own scaling when {@code model} scales
     * each asset by its own (the fleet's for an asset it has none for), so the scorer's rings hold the asset's rows in
     * the units the batch path scores them in ({@link AnomalyModel#forAsset}). {@code slot.adaptiveModel} stays the
     * loaded model: a reload is recognised by it.
     */
    private static AnomalyModel ownOf(AnomalyModel model, AssetSlot slot) {
        return model.forAsset(Optional.of(slot.name));
    }

    private static void fresh(AssetSlot slot, ServedModel m) {
        AnomalyModel model = m.loaded().adaptiveAnomaly().orElseThrow();
        slot.adaptive = new AdaptiveScorer(ownOf(model, slot), model.adaptive().orElseThrow());
        slot.adaptiveModel = model;
        slot.adaptiveBasis = m.loaded().adaptiveBasis().orElseThrow();
        slot.adaptiveVersion = m.version();
    }
}
