/**
 * The Tribuo trainers a job can name, and the hyperparameter search over them.
 *
 * <p>{@link org.prognos.training.trainers.TribuoFamily} is the sealed set of tree and linear families, each a
 * hyperparameter record with its defaults as a named factory (written into the bundle's provenance); the config's
 * {@code model.params} override those defaults by name, and an unknown name is an error listing the accepted ones.
 * {@link org.prognos.training.trainers.TribuoTraining} trains a classifier or a regressor from
 * {@link org.prognos.training.data.LabeledRows} with a given seed and thread count.
 * {@link org.prognos.training.trainers.Search} walks a grid or seeded random candidates within a wall-clock budget;
 * the job scores each by grouped (by asset) cross-validation on the training rows and trains the best.
 */
package org.prognos.training.trainers;
