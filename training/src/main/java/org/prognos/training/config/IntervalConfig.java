package org.prognos.training.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.prognos.features.InvalidSpecException;
import org.prognos.models.interval.RulInterval;

/**
 * The conformal interval a remaining-useful-life job fits ({@code task.interval}); every RUL job fits one, at
 * {@link #DEFAULT_COVERAGE} unless configured.
 *
 * @param coverage   nominal coverage in (0, 1)
 * @param method     {@code binned} (default: Mondrian conformal, one half-width per bin of the estimate),
 *                   {@code scaled} (half-width proportional to the estimate plus a floor) or {@code absolute} (constant)
 * @param folds      cross-fitting folds over the training assets (default 5); each asset's residuals come from a
 *                   model that never saw it
 * @param scaleFloor {@code scaled} only: what is added to the estimate before scaling, as a fraction of the
 *                   reference life (default 0.1)
 * @param bins       {@code binned} only: equal-count bins of the out-of-fold estimates (default 8)
 */
public record IntervalConfig(double coverage, RulInterval.Method method, int folds, double scaleFloor, int bins) {
    /** The coverage of a job that names none. */
    public static final double DEFAULT_COVERAGE = 0.9;
    /** Folds of a job that names none. */
    public static final int DEFAULT_FOLDS = 5;
    /** Scale floor, as a fraction of the reference life, of a job that names none. */
    public static final double DEFAULT_SCALE_FLOOR = 0.1;
    /** Bins of a job that names none. */
    public static final int DEFAULT_BINS = 8;

    public IntervalConfig {
        if (!(coverage > 0 && coverage < 1)) {
            throw new InvalidSpecException("'task.interval.coverage' must be in (0, 1), e.g. 0.9; found " + coverage);
        }
        if (method == null) {
            throw new InvalidSpecException("'task.interval.method' must be binned, scaled or absolute");
        }
        if (folds < 2) {
            throw new InvalidSpecException("'task.interval.folds' must be at least 2, found " + folds);
        }
        if (!(scaleFloor > 0) || Double.isInfinite(scaleFloor)) {
            throw new InvalidSpecException("'task.interval.scaleFloor' must be positive, found " + scaleFloor);
        }
        if (bins < 1) {
            throw new InvalidSpecException("'task.interval.bins' must be at least 1, found " + bins);
        }
    }

    /** 90 % coverage, binned (8 bins), 5 folds. */
    public static IntervalConfig defaults() {
        return new IntervalConfig(DEFAULT_COVERAGE, RulInterval.Method.BINNED, DEFAULT_FOLDS, DEFAULT_SCALE_FLOOR, DEFAULT_BINS);
    }

    /** Reads {@code task.interval} as a config writes it; absent fields take their defaults. */
    @JsonCreator
    static IntervalConfig of(@JsonProperty("coverage") Double coverage, @JsonProperty("method") String method,
                             @JsonProperty("folds") Integer folds, @JsonProperty("scaleFloor") Double scaleFloor,
                             @JsonProperty("bins") Integer bins) {
        RulInterval.Method m;
        try {
            m = method == null ? RulInterval.Method.BINNED : RulInterval.Method.parse(method);
        } catch (RuntimeException e) {
            throw new InvalidSpecException("at 'task.interval.method': " + e.getMessage());
        }
        return new IntervalConfig(coverage == null ? DEFAULT_COVERAGE : coverage, m, folds == null ? DEFAULT_FOLDS : folds,
                scaleFloor == null ? DEFAULT_SCALE_FLOOR : scaleFloor, bins == null ? DEFAULT_BINS : bins);
    }
}
