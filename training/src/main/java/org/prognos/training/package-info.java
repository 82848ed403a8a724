/**
 * The training job: from a job config to a published model bundle.
 *
 * <p>The story: {@code prognos train} reads a {@link org.prognos.training.config.TrainingConfig} and hands it to
 * {@link org.prognos.training.TrainingJob}, whose {@code run} is a sequence of named steps, each returning an immutable
 * record the next steps read: the config's model settings are checked before any data is read; the datasets, the
 * spec, the labelers and the registry (checked writable) are opened ({@code JobData}); the split is planned
 * ({@code SplitPlan}: the spec fitted on the training side only, the labelled rows of each side, the test rows
 * labelled with the uncapped truth); a hyperparameter search runs when the config has one; the model is fitted; it is
 * evaluated through its serving predictor beside the baselines ({@code Baselines}, {@code Evaluation}); the bundle is
 * published atomically with the alias {@code candidate}. A failure at any step publishes nothing. Sequence families
 * ({@code cnn}, {@code lstm}) take the same steps in {@code SequenceJob}, with a
 * {@link org.prognos.training.sequence.SequenceTrainer} in the middle. Anomaly jobs take theirs in {@code AnomalyJob},
 * whose split is planned by {@code AnomalyPlanner} (by asset, one asset in time, at a cutoff, or a learning period per
 * asset in {@code LearnPeriodPlan}) into an {@code AnomalyPlan}.
 *
 * <p>{@link org.prognos.training.BundleEvaluation} ({@code prognos evaluate}) scores an already published bundle on
 * held-out data with the same {@code Evaluation}, its threshold fixed to the bundle's own.
 */
package org.prognos.training;
