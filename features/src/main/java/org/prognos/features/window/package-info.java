/**
 * Incremental window statistics. A {@link org.prognos.features.window.WindowBlock} holds one asset's
 * readings inside one window (the last n samples, or a time span) and keeps power sums, time sums and
 * monotonic min/max deques up to date in O(1) per reading; a {@link org.prognos.features.window.Stat}
 * turns those aggregates into a feature value in O(1). Every statistic here is incremental; spectral
 * features (package {@code spectral}) are not: they run one FFT per window at each emitted row.
 */
package org.prognos.features.window;
