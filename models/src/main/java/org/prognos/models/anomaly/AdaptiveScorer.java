package org.prognos.models.anomaly;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.prognos.PrognosException;

/**
 * One asset's adaptive anomaly score (see {@link AdaptiveScoring}): the mutable streaming state of one asset, fed its
 * feature rows in time order, one at a time. The batch path ({@link #scoreAll}) is a fresh scorer fed every row in
 * turn, so batch and streaming give the same bits by construction; what the equivalence tests check is that the
 * feature rows reaching it agree.
 *
 * <p><b>Bounded memory</b>: {@link #estimatedBytes()} = 8 · (memory · width + history + max(recent, slowRecent)
 * + 3 · width) bytes plus a few hundred of object overhead, whatever the stream's length: with memory 2000 rows of 10 columns and a history of
 * 2000, about 176 KB per asset; with the fitted detector (memory 0), about 16 KB. {@code LEVEL_AND_SHAPE} neighbours store
 * each row twice as wide (2 · width in place of width). A {@link ContextMember} adds its ring (16 bytes a row of its memory) and its
 * contexts, which a stream's noise multiplies: at memory 2000, measured peaks of 0.10 MB (Twitter_volume_AAPL),
 * 0.40 MB (machine temperature) and 0.77 MB (art_noisy, every row nearly a new context); estimated at
 * {@value ContextMemberState#CONTEXT_BYTES} bytes a context. Its snapshot holds only the rows (at most 2 · memory doubles) and counters:
 * restore replays them. Settings that learn the asset's scaling ({@link AdaptiveScoring#withLearnedScaling}) add
 * 24 bytes a column: the warm-up's moments ({@link ColumnMoments}), then the learned scaling. A {@link ForecastMember}
 * adds 8 · ((width + 1)² + 3 · (width + 1) + history + max(recent, slowRecent)) bytes: its gain matrix and its ring of
 * residuals (about 18 KB at width 10 and history 2000). A {@link StuckValueCheck} adds 64 bytes (one run's value and
 * counters).
 *
 * <p><b>A learned scaling</b>: a scorer made with a view that learns its asset's scaling
 * ({@link AnomalyModel#learnsScaling}) adds each warm-up row, unscaled, to its moments; at the first row past the
 * warm-up it takes the asset's own scaling from them (training's rule, {@link ColumnScaling#fitOwn}) and starts
 * afresh on it, as a fresh scorer made with {@link AnomalyModel#withScaling} and fed the rows from that one on would
 * (only {@link Step#rows} goes on counting): the rows and raw scores it held were in the fleet's units, and cannot be
 * rescaled (a raw score is a distance or the detector's score, not an affine map of a column), so its rings, ranges,
 * rest, member and warm-up restart, and the asset warms up a second time in its own units.
 *
 * <p><b>Snapshots</b>: {@link #snapshot()} writes the whole state (rings, counters, ranges, the last step) in a compact
 * binary form with a format byte, doubles as their exact bits; {@link #restore} reads it back under the same model
 * and settings, and the restored scorer continues with the same bits as one never interrupted. Never Java
 * serialization. A snapshot is about {@link #estimatedBytes()} long (less while the rings are filling).
 *
 * <p><b>Why one class</b> (about 590 lines): the online-neighbour ring, the raw-score ring, the rest counters and the
 * column ranges are one asset's streaming state, each read by the next step, and a snapshot writes them as one
 * versioned layout; split apart, every part would need the others' counters. The contextual member, the forecast
 * member, the stuck-value check and the learning of the asset's scaling, which only some settings have, are their own
 * classes ({@link ContextMemberState}, {@link ForecastMemberState}, {@link StuckValueState}, {@link ScalingLearning}),
 * each writing its part of the snapshot; the likelihood, which the scorer and the forecast member share, is
 * {@link RawLikelihood}.
 *
 * <p>Not thread-safe: one scorer per asset, fed by one thread at a time.
 */
public final class AdaptiveScorer {
    /**
     * The snapshot layout this code writes: 5 adds, for settings with a forecast member, its state; 4 adds, for settings that learn a scaling, the learning's state; 3 added
     * the contextual member's state (when the settings have one); 2 kept the first row's time (a warm-up in time); the
     * older ones are still read. A stuck-value check's state follows format 5's parts without a new format: only
     * settings with the check write it, and no earlier build wrote snapshots under such settings.
     */
    static final byte SNAPSHOT_FORMAT = 5;
    private static final byte FORMAT_WITHOUT_FORECAST = 4;
    private static final byte FORMAT_WITHOUT_LEARNING = 3;
    private static final byte FORMAT_WITHOUT_MEMBER = 2;
    private static final byte FORMAT_WITHOUT_FIRST_TIME = 1;
    private AnomalyModel model;             // the asset's view; its scaling replaced by the learned one at the switch
    private final AdaptiveScoring settings;
    private final int width;
    private final double[][] rows;          // ring of the asset's last `memory` scaled rows (online neighbours)
    private long rowsSeen;
    private final double[] raws;            // ring of the last history + recent finite raw scores
    private long rawsSeen;
    private int restLeft;
    private long lastHigh = Long.MIN_VALUE / 2;   // the last row whose score before silencing reached alarmLevel
    private long lastExtreme = Long.MIN_VALUE / 2; // the last row beyond the seen range
    private long fed;
    private long firstTime;                 // the time of the first row fed (a warm-up in time counts from it)
    private final double[] scratch;
    private final double[] low;             // each scaled column's smallest value so far (range check)
    private final double[] high;            // … and largest
    private Step last;                      // the answer to the last row fed; null before the first
    private ContextMemberState member;      // the contextual member's state; null without one
    private final ScalingLearning learning; // the learning of the asset's scaling (none for settings or assets without)
    private ForecastMemberState forecast;   // the forecast member's state; null without one
    private StuckValueState stuck;          // the stuck-value check's state; null without one

    /**
     * One step's answer: the raw score ({@code NaN} while online neighbours have too few rows), the likelihood Φ(z)
     * before any rest, the score (0 while warming up, in the warm-up or resting), the rows seen with this one, and the
     * scaling the row was scored on ({@link Scaling}: whether the scorer was learning its asset's, or had learned it).
     */
    public record Step(double raw, double likelihood, double score, long rows, Scaling scaling) {
        /** @throws NullPointerException without a scaling */
        public Step {
            Objects.requireNonNull(scaling, "scaling");
        }
    }

    /**
     * The scaling a step's row was scored on. What the {@code learnScaling} warning reads to say where the asset stands
     * (a warm-up in time ends at a row's time, which its row count cannot tell).
     */
    public enum Scaling {
        /** The model's view's scaling, which the scorer keeps: it learns none (an asset with its own, or no setting). */
        MODEL,
        /** The model's view's (the fleet's), while the scorer learns its asset's own in its warm-up. */
        LEARNING,
        /** The asset's own, which the scorer learned in its warm-up. */
        LEARNED
    }

    /**
     * A fresh scorer for one asset.
     *
     * @param model the model the asset is scored with: one scaling and one detector ({@link AnomalyModel#forAsset} of
     *              a model that scales each asset by its own or holds detectors of assets' own; one that still holds an
     *              asset table is refused, as it cannot tell which scaling or detector is this asset's)
     * @throws PrognosException for a model with an asset table
     */
    public AdaptiveScorer(AnomalyModel model, AdaptiveScoring settings) {
        if (!Objects.requireNonNull(model, "model").assetScaling().isEmpty() || !model.assetDetectors().isEmpty()) {
            throw new PrognosException("an adaptive scorer serves one asset: make it with the model's forAsset(asset), not "
                    + "a model with asset tables (" + model.assetScaling().size() + " assets' own scalings, "
                    + model.assetDetectors().size() + " assets' own detectors)");
        }
        this.model = model;
        this.settings = Objects.requireNonNull(settings, "settings");
        this.width = model.columns().size();
        this.rows = new double[settings.memory()][];
        this.raws = new double[RawLikelihood.ringLength(settings)];
        this.scratch = new double[width];
        this.low = new double[width];
        this.high = new double[width];
        Arrays.fill(low, Double.POSITIVE_INFINITY);
        Arrays.fill(high, Double.NEGATIVE_INFINITY);
        this.member = newMember();
        this.learning = new ScalingLearning(width, settings.learnScaling() && model.learnsScaling());
        this.forecast = newForecast();
        this.stuck = newStuck();
    }

    private ContextMemberState newMember() {
        return settings.context().map(m -> new ContextMemberState(m, model.columns())).orElse(null);
    }

    private StuckValueState newStuck() {
        return settings.stuck().map(c -> new StuckValueState(c, model.columns())).orElse(null);
    }

    private ForecastMemberState newForecast() {
        return settings.forecast().map(f -> new ForecastMemberState(f, model.columns(), settings)).orElse(null);
    }

    /**
     * Scores every row of one asset in time order: the batch path, a fresh scorer fed each row in turn.
     *
     * @throws PrognosException when the settings warm up in time (use {@link #scoreAll(AnomalyModel, AdaptiveScoring,
     *                          long[], double[][])})
     */
    public static Step[] scoreAll(AnomalyModel model, AdaptiveScoring settings, double[][] assetRows) {
        AdaptiveScorer scorer = new AdaptiveScorer(model, settings);
        Step[] out = new Step[assetRows.length];
        for (int r = 0; r < assetRows.length; r++) {
            out[r] = scorer.next(assetRows[r]);
        }
        return out;
    }

    /** As {@link #scoreAll(AnomalyModel, AdaptiveScoring, double[][])}, each row at its time ({@code times[r]}, in order). */
    public static Step[] scoreAll(AnomalyModel model, AdaptiveScoring settings, long[] times, double[][] assetRows) {
        if (times.length != assetRows.length) {
            throw new PrognosException(times.length + " row times for " + assetRows.length + " rows");
        }
        AdaptiveScorer scorer = new AdaptiveScorer(model, settings);
        Step[] out = new Step[assetRows.length];
        for (int r = 0; r < assetRows.length; r++) {
            out[r] = scorer.next(times[r], assetRows[r]);
        }
        return out;
    }

    /**
     * Scores the asset's next feature row (in the model's column order, {@code NaN} for missing) and remembers it.
     *
     * @throws PrognosException when the row's width is not the model's, or when the settings warm up in time (that
     *                          needs the row's time: {@link #next(long, double[])})
     */
    public Step next(double[] row) {
        if (settings.warmUpTicks() > 0) {
            throw new PrognosException("adaptive scoring with a warm-up in time needs each row's time");
        }
        return next(0L, row);
    }

    /**
     * Scores the asset's next feature row, at {@code time} (ticks of the spec's time axis, not before the last row's),
     * and remembers it. The time is read only by a warm-up in time.
     *
     * @throws PrognosException when the row's width is not the model's
     */
    public Step next(long time, double[] row) {
        if (row.length != width) {
            throw new PrognosException("a feature row has " + row.length + " values; the anomaly model reads " + width);
        }
        if (fed == 0) {
            firstTime = time;
        }
        fed++;
        if (learning.learning() && warmingUp(time)) {
            learning.add(row);
        } else if (learning.learning()) {
            switchToLearned(time);
        }
        double contextual = member == null ? 0 : member.next(row);
        double[] z = model.scaling().apply(row);
        double[] compared = switch (settings.neighbourhood()) {
            case LEVEL -> z;
            case SHAPE -> centred(z);
            case LEVEL_AND_SHAPE -> levelAndShape(z);
        };
        double raw = settings.online() ? neighbourDistance(compared) : model.detector().score(z, scratch);
        if (settings.online()) {
            rows[(int) (rowsSeen % rows.length)] = compared;
            rowsSeen++;
        }
        double likelihood = 0;
        if (Double.isFinite(raw)) {
            RawLikelihood.put(settings, raws, rawsSeen, raw);
            rawsSeen++;
            likelihood = RawLikelihood.of(settings, raws, rawsSeen);
        }
        if (forecast != null) {
            // the forecast residual's likelihood joins the neighbours' as the slow mean does: the larger one
            likelihood = Math.max(likelihood, forecast.next(z));
        }
        boolean beyond = settings.rangeCheck() && beyondRange(z);
        if (stuck != null && stuck.next(row)) {
            beyond = true;   // a run longer than any seen is news as a new extreme is (fed every row: runs count)
        }
        if (warmingUp(time)) {
            // learning: no alarm, no rest, no extreme remembered
            last = new Step(raw, likelihood, 0, learning.beforeSwitch() + fed, learning.stage());
            return last;
        }
        double before = beyond ? 1.0 : likelihood;
        double score;
        boolean newsExtreme = beyond && settings.extremes() == AdaptiveScoring.Extremes.ALWAYS
                && fed - lastExtreme > settings.rest();
        if (beyond) {
            lastExtreme = fed;
        }
        if (newsExtreme) {
            score = 1.0;
            restLeft = settings.rest();
            lastHigh = fed;
        } else if (settings.restRule() == AdaptiveScoring.RestRule.UNTIL_QUIET) {
            score = fed - lastHigh > settings.rest() ? before : 0;
            if (before >= settings.alarmLevel()) {
                lastHigh = fed;
            }
        } else if (restLeft > 0) {
            restLeft--;
            score = 0;
        } else {
            score = before;
            if (score >= settings.alarmLevel()) {
                restLeft = settings.rest();
            }
        }
        if (member != null) {
            score = member.blend(score, likelihood, contextual, settings.alarmLevel());
        }
        last = new Step(raw, likelihood, score, learning.beforeSwitch() + fed, learning.stage());
        return last;
    }

    /**
     * At the first row past the warm-up, with {@code time}: the asset's own scaling from its warm-up rows
     * ({@link ScalingLearning#learned}, training's rule), and the scorer starts afresh on it, as a fresh scorer fed
     * this row first: rings, ranges, rest, the member and the warm-up restart (what they held was in the fleet's units).
     */
    private void switchToLearned(long time) {
        model = model.withScaling(learning.learned(model.scaling(), fed - 1));
        fed = 1;
        firstTime = time;
        Arrays.fill(rows, null);
        rowsSeen = 0;
        rawsSeen = 0;
        restLeft = 0;
        lastHigh = Long.MIN_VALUE / 2;
        lastExtreme = Long.MIN_VALUE / 2;
        Arrays.fill(low, Double.POSITIVE_INFINITY);
        Arrays.fill(high, Double.NEGATIVE_INFINITY);
        member = newMember();
        forecast = newForecast();
        stuck = newStuck();
    }

    /**
     * The scaling the asset's rows are scored with now: the model's, or, after a warm-up that learned one
     * ({@link AdaptiveScoring#withLearnedScaling}), the asset's own.
     */
    public ColumnScaling scaling() {
        return model.scaling();
    }

    /** Whether this scorer is learning its asset's scaling (in the warm-up of settings that learn one). */
    public boolean learningScaling() {
        return learning.learning();
    }

    /**
     * Whether the row just fed, at {@code time}, is in the warm-up: within each bound the settings give (rows fed,
     * time since the first row), so the warm-up ends at the first bound reached; never without a bound.
     */
    private boolean warmingUp(long time) {
        return settings.warmsUp() && (settings.warmUp() == 0 || fed <= settings.warmUp())
                && (settings.warmUpTicks() == 0 || time - firstTime < settings.warmUpTicks());
    }

    /** Rows this scorer has been fed. */
    public long rowsSeen() {
        return learning.beforeSwitch() + fed;
    }

    /** The answer to the last row fed; empty before the first. */
    public Optional<Step> last() {
        return Optional.ofNullable(last);
    }

    /** The settings this scorer runs. */
    public AdaptiveScoring settings() {
        return settings;
    }

    /**
     * This scorer's state under {@code to}, which goes on with the same bits as this one would: for a reload, once
     * {@link AdaptiveBasis#whyRestart} found that {@code to} means the same to it (that question needs the feature spec,
     * which the anomaly model does not know, and digests computed once per load).
     *
     * @throws PrognosException when {@code to} is not scored adaptively with this scorer's settings and width
     */
    public AdaptiveScorer carriedTo(AnomalyModel to) {
        AdaptiveScoring theirs = to.adaptive().orElseThrow(
                () -> new PrognosException("an adaptive scorer cannot be carried to a model scored statically"));
        // forAsset's view of an asset with its own scaling turns learnScaling off; the scorer keeps the model's settings
        boolean same = theirs.withLearnedScaling(false).equals(settings.withLearnedScaling(false));
        return restore(to, same ? settings : theirs, snapshot());
    }

    /**
     * The whole state, to be {@link #restore restored} under the same model and settings: format byte, a fingerprint
     * of the settings and width, the row ring (the rows held, in ring order), the raw-score ring, the rest counters,
     * the rows fed and the first one's time, the column ranges and the last step, the member's state; then, for settings
     * that learn a scaling, whether it learns (the moments so far), has learned (the rows before the switch and the
     * scaling) or neither (an asset with its own); then, for settings with a forecast member, its state (the row before,
     * the weights, the gain matrix, the residual ring); then, for settings with a stuck-value check, its run (value,
     * length, the longest ended run, whether it alarmed).
     */
    public byte[] snapshot() {
        // the member's contexts are not written (restore replays its rows): leave them out of the buffer's size
        long contexts = member == null ? 0 : member.contextBytes();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 8,
                estimatedBytes() - contexts));
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(SNAPSHOT_FORMAT);
            out.writeLong(fingerprint());
            out.writeLong(rowsSeen);
            int heldRows = (int) Math.min(rowsSeen, rows.length);
            for (int i = 0; i < heldRows; i++) {
                writeDoubles(out, rows[i]);
            }
            out.writeLong(rawsSeen);
            int heldRaws = (int) Math.min(rawsSeen, raws.length);
            for (int i = 0; i < heldRaws; i++) {
                out.writeLong(Double.doubleToRawLongBits(raws[i]));
            }
            out.writeInt(restLeft);
            out.writeLong(lastHigh);
            out.writeLong(lastExtreme);
            out.writeLong(fed);
            out.writeLong(firstTime);
            writeDoubles(out, low);
            writeDoubles(out, high);
            out.writeBoolean(last != null);
            if (last != null) {
                writeDoubles(out, new double[] {last.raw(), last.likelihood(), last.score()});
            }
            if (member != null) {
                member.write(out);
            }
            if (settings.learnScaling()) {
                learning.write(out, model.scaling());
            }
            if (forecast != null) {
                forecast.write(out);
            }
            if (stuck != null) {
                stuck.write(out);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);   // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    /**
     * The scorer a {@link #snapshot()} holds, for {@code model} and {@code settings}.
     *
     * @throws PrognosException when the bytes are not such a snapshot, or were taken under other settings or another
     *                          width
     */
    public static AdaptiveScorer restore(AnomalyModel model, AdaptiveScoring settings, byte[] snapshot) {
        AdaptiveScorer s = new AdaptiveScorer(model, settings);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(snapshot))) {
            byte format = in.readByte();
            if (format != SNAPSHOT_FORMAT && format != FORMAT_WITHOUT_FORECAST && format != FORMAT_WITHOUT_LEARNING && format != FORMAT_WITHOUT_MEMBER
                    && format != FORMAT_WITHOUT_FIRST_TIME) {
                throw new PrognosException("adaptive scorer snapshot format " + format + ", this build reads "
                        + FORMAT_WITHOUT_FIRST_TIME + " … " + SNAPSHOT_FORMAT);
            }
            if (in.readLong() != s.fingerprint()) {
                throw new PrognosException("the adaptive scorer snapshot was taken under other settings or columns");
            }
            s.rowsSeen = in.readLong();
            int stored = s.storedWidth();
            int heldRows = (int) Math.min(s.rowsSeen, s.rows.length);
            for (int i = 0; i < heldRows; i++) {
                s.rows[i] = readDoubles(in, stored);
            }
            s.rawsSeen = in.readLong();
            int heldRaws = (int) Math.min(s.rawsSeen, s.raws.length);
            for (int i = 0; i < heldRaws; i++) {
                s.raws[i] = Double.longBitsToDouble(in.readLong());
            }
            s.restLeft = in.readInt();
            s.lastHigh = in.readLong();
            s.lastExtreme = in.readLong();
            s.fed = in.readLong();
            // format 1 was written before warm-ups in time; its settings (in the fingerprint) have none, so the first
            // row's time is never read
            s.firstTime = format == FORMAT_WITHOUT_FIRST_TIME ? 0 : in.readLong();
            System.arraycopy(readDoubles(in, s.width), 0, s.low, 0, s.width);
            System.arraycopy(readDoubles(in, s.width), 0, s.high, 0, s.width);
            double[] step = in.readBoolean() ? readDoubles(in, 3) : null;
            // formats 1 and 2 were written before the member existed; their settings (in the fingerprint) have none
            if (s.member != null) {
                s.member.read(in);
            }
            // formats 1 … 3 were written before learnScaling existed; their settings (in the fingerprint) have none
            if (settings.learnScaling()) {
                s.learning.read(in).ifPresent(learned -> s.model = s.model.withScaling(learned));
            }
            // formats 1 … 4 were written before the forecast member existed; their settings (in the fingerprint) have none
            if (s.forecast != null) {
                s.forecast.read(in);
            }
            // a stuck-value check's part is written only under settings that have one, which no earlier build (and so
            // no earlier format) could hold: the fingerprint tells them apart, and format 5's layout stays as it was
            if (s.stuck != null) {
                s.stuck.read(in);
            }
            if (step != null) {
                s.last = new Step(step[0], step[1], step[2], s.rowsSeen(), s.learning.stage());
            }
            if (in.read() != -1) {
                throw new PrognosException("the adaptive scorer snapshot has bytes past its end");
            }
        } catch (IOException e) {
            throw new PrognosException("an unreadable adaptive scorer snapshot: " + e, e);
        }
        return s;
    }

    /**
     * Identifies the settings and width a snapshot belongs to (the settings' text and the width, hashed). A warm-up of
     * 0 rows, or of 0 ticks, is left out of the text, so that snapshots taken before the setting existed (under the
     * same settings, then without it) still restore.
     */
    private long fingerprint() {
        long h = 1125899906842597L;
        java.util.Map<String, Object> named = settings.asMap();
        if (settings.warmUp() == 0) {
            named.remove("warmUp");
        }
        if (settings.warmUpTicks() == 0) {
            named.remove("warmUpTicks");
        }
        String text = named + "/" + width;
        for (int i = 0; i < text.length(); i++) {
            h = 31 * h + text.charAt(i);
        }
        return h;
    }

    private int storedWidth() {
        return settings.neighbourhood() == AdaptiveScoring.Neighbourhood.LEVEL_AND_SHAPE ? 2 * width : width;
    }

    static void writeDoubles(DataOutputStream out, double[] values) throws IOException {
        for (double v : values) {
            out.writeLong(Double.doubleToRawLongBits(v));
        }
    }

    static double[] readDoubles(DataInputStream in, int n) throws IOException {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = Double.longBitsToDouble(in.readLong());
        }
        return out;
    }

    /** The bytes this asset's state holds, as the class comment counts them. */
    public long estimatedBytes() {
        int stored = storedWidth();
        return 8L * ((long) settings.memory() * stored + raws.length + 3L * width) + 256 + (member == null ? 0 : member.estimatedBytes())
                + (settings.learnScaling() ? 24L * width : 0) + (forecast == null ? 0 : forecast.estimatedBytes())
                + (stuck == null ? 0 : stuck.estimatedBytes());
    }

    /** {@code z} less the mean of its finite values (a copy). */
    private static double[] centred(double[] z) {
        double sum = 0;
        int n = 0;
        for (double v : z) {
            if (Double.isFinite(v)) {
                sum += v;
                n++;
            }
        }
        double mean = n == 0 ? 0 : sum / n;
        double[] out = new double[z.length];
        for (int c = 0; c < z.length; c++) {
            out[c] = z[c] - mean;
        }
        return out;
    }

    /** {@code z} followed by its mean-removed copy. */
    private static double[] levelAndShape(double[] z) {
        double[] out = Arrays.copyOf(z, 2 * z.length);
        System.arraycopy(centred(z), 0, out, z.length, z.length);
        return out;
    }

    /** Whether a column of {@code z} lies beyond its widened seen range; then widens the ranges by {@code z}. */
    private boolean beyondRange(double[] z) {
        boolean beyond = false;
        double tolerance = settings.rangeTolerance();
        for (int c = 0; c < width; c++) {
            double span = high[c] - low[c];
            if (span > 0 && (z[c] > high[c] + tolerance * span || z[c] < low[c] - tolerance * span)) {
                beyond = true;
            }
            low[c] = Math.min(low[c], z[c]);
            high[c] = Math.max(high[c], z[c]);
        }
        return beyond;
    }

    /** Mean distance to the nearest remembered rows, leaving out the most recent ones; NaN with too few rows. */
    private double neighbourDistance(double[] z) {
        int k = settings.neighbours();
        long oldest = Math.max(0, rowsSeen - rows.length);
        long newest = rowsSeen - settings.exclude();      // exclusive
        if (newest - oldest < k) {
            return Double.NaN;
        }
        double[] best = new double[k];
        Arrays.fill(best, Double.POSITIVE_INFINITY);
        for (long i = oldest; i < newest; i++) {
            double[] m = rows[(int) (i % rows.length)];
            double d = 0;
            for (int c = 0; c < z.length && d < best[k - 1]; c++) {
                double diff = z[c] - m[c];
                d += diff * diff;
            }
            if (d < best[k - 1]) {
                int at = k - 1;
                while (at > 0 && best[at - 1] > d) {
                    best[at] = best[at - 1];
                    at--;
                }
                best[at] = d;
            }
        }
        double sum = 0;
        for (double d : best) {
            sum += Math.sqrt(d);
        }
        return sum / k;
    }
}
