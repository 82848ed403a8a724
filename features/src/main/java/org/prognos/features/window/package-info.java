/**
 * Incremental window statistics. A {@link org.prognos.features.window.WindowBlock} holds one asset's
 * readings inside one window (the last n samples, or a time span) and keeps power sums, time sums and
 * monotonic min/max deques up to date in O(1) per reading; a {@link org.prognos.features.window.Stat}
 * turns those aggregates into a feature value in O(1). Every statistic here is incremental except skewness
 * and kurtosis, which run an exact two-pass over the window at each emitted row (one-pass power sums are
 * numerically unfit for third and fourth moments); spectral features (package {@code spectral}) are not
 * incremental either: they run one FFT per window at each emitted row.
 */
package org.prognos.features.window;
