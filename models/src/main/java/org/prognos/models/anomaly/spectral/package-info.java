/**
 * The spectral residual family (Ren et al., "Time-Series Anomaly Detection Service at Microsoft", KDD 2019, the SR
 * part without the CNN), run as a stream: after every value, the saliency of the latest point in a sliding window
 * whose end is extended by a few extrapolated points (the paper's trick to put the latest point away from the
 * window's edge), judged against the saliency of the points just before it. Implemented from the paper's formulas
 * with Commons Math's FFT; no other implementation was copied.
 */
package org.prognos.models.anomaly.spectral;
