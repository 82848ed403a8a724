/**
 * The models being served: {@link org.prognos.inference.model.ModelCatalog} keeps the current verified bundle of
 * each model behind an atomic reference, swaps in reloads, and closes a replaced predictor only after its
 * in-flight requests (each holding a {@link org.prognos.inference.model.ModelLease}) finish.
 * {@link org.prognos.inference.model.DecisionPolicy} reads the alarm threshold and explanation reference values
 * from a bundle's metrics; {@link org.prognos.inference.model.ColumnGroups} maps feature columns to sensors.
 */
package org.prognos.inference.model;
