/**
 * Training job configs: what a {@code job.yaml} or {@code job.json} says, read into typed values.
 *
 * <p>{@link org.prognos.training.config.ConfigReader} reads a file by its extension, refusing unknown fields, and
 * turns every mapping error into one message that names the field ({@code at 'split': 'split.method' must be asset or
 * time, found 'random'}). Closed sets are types: the model family is the enum
 * {@link org.prognos.training.config.ModelFamily}, the task the sealed
 * {@link org.prognos.training.config.TaskConfig} (failure within a horizon, or remaining useful life), the split the
 * sealed {@link org.prognos.training.config.SplitConfig} (by asset, by time at a cutoff, or by time per asset
 * with a learning period), an anomaly job's labelled periods the sealed
 * {@link org.prognos.training.config.EvaluationConfig} (a periods file, or a label column); smaller choices
 * ({@code data.evaluateAt}, {@code model.search.method}, {@code task.censoring}) are enums too, written in a config
 * in lower case with '-' between words. A field a config may leave out has a documented default (a named constant or
 * factory); a field with no default is an {@code Optional}. Each record checks its values in its constructor.
 */
package org.prognos.training.config;
