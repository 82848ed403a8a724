/**
 * Fitting the conformal interval around a remaining-useful-life estimate: {@link org.prognos.training.interval.OutOfFold}
 * gets cross-fitted estimates by asset, {@link org.prognos.training.interval.ConformalFitter} turns their residuals
 * into a {@link org.prognos.models.interval.RulInterval}, and {@link org.prognos.training.interval.IntervalCoverage}
 * checks it on the test protocol. Test assets never reach the fit.
 */
package org.prognos.training.interval;
