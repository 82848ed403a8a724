package org.prognos.inference.state;

import java.util.Optional;
import org.prognos.features.extract.RowSink;
import org.prognos.inference.catalog.ServedModel;
import org.prognos.models.anomaly.AdaptiveScorer;
import org.prognos.models.anomaly.AnomalyModel;
import org.prognos.models.runtime.AdaptiveAnswers;
import org.prognos.models.runtime.RiskBand;
import org.prognos.models.runtime.answer.ScoreResponse;

/**
 * The adaptive anomaly scorer an asset keeps next to its feature state when its model is scored adaptively
 * ({@link org.prognos.models.runtime.LoadedModel#adaptiveAnomaly()}): one {@link AdaptiveScorer} per asset, fed every
 * feature row its state emits, live or replayed from the journal, in the order batch extraction emits them; so the
 * asset's score after its last reading is the score the batch path gives that row.
 *
 * <p>A scorer's rings hold rows in its model's scaled units. At an asset's next reading after a reload (another version,
 * or the same bundle loaded again) its scorer is carried over when the new load has the same feature spec (the feature
 * state is carried too), the same adaptive settings, columns and scaling, and, scoring with the fitted detector, the
 * same detector ({@link AdaptiveScorer#whyRestart}); otherwise it starts afresh, warm-up included (the catalog logs
 * which, and why, at the reload); a model no longer scored adaptively drops it. A rebuilt feature state starts it
 * afresh too. It is evicted, deleted and reset with the asset, kept in the asset's snapshot ({@code AssetLog}) and
 * counted in the asset's bytes. A snapshot restores its scorer only under the version it was taken for: a restart
 * after a reload, before the next snapshot, starts the scorer afresh.
 */
final class AdaptiveSlots {
    private AdaptiveSlots() {
    }

    /**
     * Gives the slot a scorer for {@code m} when {@code m} is scored adaptively: its own, carried over when it was
     * made for another load of the model (a reload) whose scorer means the same under {@code m}
     * ({@link AdaptiveScorer#whyRestart}), else a fresh one. Hold the slot's lock.
     */
    static void prepare(AssetSlot slot, ServedModel m) {
        Optional<AnomalyModel> adaptive = m.loaded().adaptiveAnomaly();
        if (adaptive.isEmpty()) {
            slot.adaptive = null;
        } else if (slot.adaptive == null) {
            fresh(slot, m.version(), adaptive.get());
        } else if (slot.adaptiveModel != adaptive.get()) {
            if (carries(slot.adaptiveModel, adaptive.get())) {
                slot.adaptive = slot.adaptive.carriedTo(adaptive.get());
                slot.adaptiveModel = adaptive.get();
                slot.adaptiveVersion = m.version();
            } else {
                fresh(slot, m.version(), adaptive.get());
            }
        }
    }

    /** The last handover decided: every asset of a reloaded model asks the same question, from the same two models. */
    private record Handover(AnomalyModel from, AnomalyModel to, boolean carries) {
    }

    private static volatile Handover lastHandover = new Handover(null, null, false);

    /** Whether a scorer made for {@code from} goes on under {@code to}; decided once per pair of loaded models. */
    private static boolean carries(AnomalyModel from, AnomalyModel to) {
        Handover h = lastHandover;
        if (h.from() != from || h.to() != to) {
            h = new Handover(from, to, AdaptiveScorer.whyRestart(from, to).isEmpty());
            lastHandover = h;
        }
        return h.carries();
    }

    /** Starts the slot's scorer afresh (its state was emptied or rebuilt). Hold the slot's lock. */
    static void restart(AssetSlot slot) {
        if (slot.adaptive != null) {
            slot.adaptive = new AdaptiveScorer(slot.adaptiveModel, slot.adaptive.settings());
        }
    }

    /**
     * The scorer a snapshot's bytes hold, when they were taken for {@code m}'s version of a model scored adaptively;
     * empty otherwise (the asset's next reading starts a fresh one).
     *
     * @throws org.prognos.PrognosException when the bytes are not such a scorer's
     */
    static Optional<AdaptiveScorer> read(ServedModel m, int version, byte[] scorer) {
        Optional<AnomalyModel> adaptive = m.loaded().adaptiveAnomaly();
        if (adaptive.isEmpty() || version != m.version() || scorer.length == 0) {
            return Optional.empty();
        }
        return Optional.of(AdaptiveScorer.restore(adaptive.get(), adaptive.get().adaptive().orElseThrow(), scorer));
    }

    /** Gives the slot the scorer {@link #read} restored for {@code m}, or none. Hold the slot's lock. */
    static void install(AssetSlot slot, ServedModel m, Optional<AdaptiveScorer> scorer) {
        slot.adaptive = scorer.orElse(null);
        slot.adaptiveModel = scorer.isPresent() ? m.loaded().adaptiveAnomaly().orElseThrow() : null;
        slot.adaptiveVersion = m.version();
    }

    /** Where the slot's state sends the rows it emits: its scorer, or nowhere. Hold the slot's lock while it is used. */
    static RowSink feed(AssetSlot slot) {
        AdaptiveScorer scorer = slot.adaptive;
        return scorer == null ? RowSink.discard() : (asset, time, values) -> scorer.next(values);
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
        return own || carries(slot.adaptiveModel, adaptive.get()) ? slot.adaptive.last() : Optional.empty();
    }

    /** What an asset scored adaptively answers before its scorer has seen a row: score 0 (warming up), 0 rows. */
    static final AdaptiveScorer.Step NO_ROW_YET = new AdaptiveScorer.Step(Double.NaN, 0, 0, 0);

    /**
     * {@code m}'s answer: {@code fitted} itself, or for a model scored adaptively {@code fitted} with the asset's step
     * as its risk, band, health index and {@code anomaly.adaptive} ({@link AdaptiveAnswers}).
     */
    static ScoreResponse answer(ServedModel m, ScoreResponse fitted, Optional<AdaptiveScorer.Step> step) {
        Optional<AnomalyModel> adaptive = m.loaded().adaptiveAnomaly();
        return adaptive.isEmpty() ? fitted : AdaptiveAnswers.of(fitted, adaptive.get().adaptive().orElseThrow(), step.orElse(NO_ROW_YET));
    }

    /** {@code m}'s risk: {@code fitted}, or for a model scored adaptively the step's score ({@code NaN} stays {@code NaN}). */
    static double risk(ServedModel m, double fitted, Optional<AdaptiveScorer.Step> step) {
        return Double.isNaN(fitted) || m.loaded().adaptiveAnomaly().isEmpty() ? fitted : step.orElse(NO_ROW_YET).score();
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

    private static void fresh(AssetSlot slot, int version, AnomalyModel model) {
        slot.adaptive = new AdaptiveScorer(model, model.adaptive().orElseThrow());
        slot.adaptiveModel = model;
        slot.adaptiveVersion = version;
    }
}
