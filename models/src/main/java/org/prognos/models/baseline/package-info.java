/**
 * Baselines to beat, published and served like trained models: a class prior for failure-within-horizon tasks, a
 * constant or a linear-degradation remaining life for RUL tasks. Stored as a small JSON payload
 * ({@code baseline-json}) and served by {@link org.prognos.models.baseline.BaselinePredictor}.
 */
package org.prognos.models.baseline;
