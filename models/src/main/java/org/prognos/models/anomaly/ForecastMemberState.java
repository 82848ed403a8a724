package org.prognos.models.anomaly;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * One asset's {@link ForecastMember}: the row before, the predictor's weights and gain matrix (recursive least squares
 * with forgetting factor λ), and the ring of its residuals that its likelihood reads ({@link RawLikelihood}, the
 * scorer's settings). The part of an {@link AdaptiveScorer} that exists only when the settings have a forecast member,
 * with its share of the scorer's snapshot and bytes. Not thread-safe, as the scorer.
 *
 * <p>One step, with x = (row before, 1) and y = this row's column, both in the model's scaled units: the residual
 * e = y − w·x (before learning from this row) is the raw score, |e|, put in the ring; then k = P x / (λ + xᵀ P x),
 * w ← w + k e, P ← (P − k xᵀ P) / λ, P kept exactly symmetric, and scaled back to the trace it started with when it
 * grows beyond it (no wind-up on constant stretches).
 */
final class ForecastMemberState {
    /** The gain matrix's start, P = 100 · I: the prior weighs a hundredth of one well-scaled row (Haykin's small δ). */
    static final double INITIAL_GAIN = 100;

    private final int column;              // the index of the column predicted
    private final double forgetting;
    private final AdaptiveScoring settings;
    private final int n;                   // the row's width + 1 (the intercept)
    private final double[] x;              // the row before and the intercept; x[0] NaN while there is none
    private final double[] w;
    private final double[][] p;
    private final double[] px;             // scratch: P x
    private final double[] raws;           // ring of the residuals (log1p of them under Reference.LOG)
    private long rawsSeen;

    ForecastMemberState(ForecastMember member, List<String> columns, AdaptiveScoring settings) {
        this.column = member.columnIn(columns);
        this.forgetting = member.forgetting();
        this.settings = settings;
        this.n = columns.size() + 1;
        this.x = new double[n];
        this.w = new double[n];
        this.p = new double[n][n];
        this.px = new double[n];
        this.raws = new double[RawLikelihood.ringLength(settings)];
        x[0] = Double.NaN;
        x[n - 1] = 1;
        for (int i = 0; i < n; i++) {
            p[i][i] = INITIAL_GAIN;
        }
    }

    /**
     * The member's likelihood after the scaled row {@code z}: its residual joins the ring (when the row before and this
     * one are finite) and the predictor learns from the pair; then {@code z} is the row before the next one. 0 while
     * the ring is shorter than the settings' minimum history.
     */
    double next(double[] z) {
        boolean finite = allFinite(z);
        if (finite && !Double.isNaN(x[0])) {
            double e = z[column] - dot(w, x);
            double raw = Math.abs(e);
            RawLikelihood.put(settings, raws, rawsSeen, raw);
            rawsSeen++;
            learn(e);
        }
        if (finite) {
            System.arraycopy(z, 0, x, 0, n - 1);
        } else {
            x[0] = Double.NaN;
        }
        return rawsSeen == 0 ? 0 : RawLikelihood.of(settings, raws, rawsSeen);
    }

    /** The latest residual put in the ring (as stored); NaN before the first. */
    double lastResidual() {
        return rawsSeen == 0 ? Double.NaN : raws[(int) ((rawsSeen - 1) % raws.length)];
    }

    private void learn(double e) {
        for (int i = 0; i < n; i++) {
            px[i] = dot(p[i], x);
        }
        double denominator = forgetting + dot(x, px);
        double trace = 0;
        for (int i = 0; i < n; i++) {
            w[i] += px[i] / denominator * e;
            for (int j = i; j < n; j++) {
                double v = (p[i][j] - px[i] * px[j] / denominator) / forgetting;
                p[i][j] = v;
                p[j][i] = v;
            }
            trace += p[i][i];
        }
        double start = INITIAL_GAIN * n;
        if (trace > start) {
            double shrink = start / trace;
            for (double[] r : p) {
                for (int j = 0; j < n; j++) {
                    r[j] *= shrink;
                }
            }
        }
    }

    /** The member's part of a snapshot: the row before, the weights, the gain matrix, the residual ring. */
    void write(DataOutputStream out) throws IOException {
        AdaptiveScorer.writeDoubles(out, x);
        AdaptiveScorer.writeDoubles(out, w);
        for (double[] r : p) {
            AdaptiveScorer.writeDoubles(out, r);
        }
        out.writeLong(rawsSeen);
        int held = (int) Math.min(rawsSeen, raws.length);
        AdaptiveScorer.writeDoubles(out, Arrays.copyOf(raws, held));
    }

    /** Reads back what {@link #write} wrote, under the same member and settings. */
    void read(DataInputStream in) throws IOException {
        System.arraycopy(AdaptiveScorer.readDoubles(in, n), 0, x, 0, n);
        System.arraycopy(AdaptiveScorer.readDoubles(in, n), 0, w, 0, n);
        for (double[] r : p) {
            System.arraycopy(AdaptiveScorer.readDoubles(in, n), 0, r, 0, n);
        }
        rawsSeen = in.readLong();
        int held = (int) Math.min(rawsSeen, raws.length);
        System.arraycopy(AdaptiveScorer.readDoubles(in, held), 0, raws, 0, held);
    }

    /** The bytes this state holds: the row before, weights, scratch, gain matrix and ring, 8 bytes each. */
    long estimatedBytes() {
        return 8L * (3L * n + (long) n * n + raws.length) + 64;
    }

    private static boolean allFinite(double[] z) {
        for (double v : z) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
