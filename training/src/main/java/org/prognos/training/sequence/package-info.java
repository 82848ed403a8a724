/**
 * Sequence models for remaining useful life: an LSTM and a 1-D CNN (DL4J) over the last W cycles of each channel.
 *
 * <p>The story: a feature spec with a {@code sequence} group (e.g. {@code cmapss-sequence30.json}) gives, per cycle,
 * the last W per-regime-normalized values of every sensor as flat columns, the same vector in batch and in live
 * scoring. {@link org.prognos.training.sequence.RulExamples} pairs those rows with capped remaining-life labels.
 * {@link org.prognos.training.sequence.SequenceTrainer} splits the training assets by asset
 * ({@link org.prognos.training.sequence.AssetFold}), chooses channels on the fit assets
 * ({@link org.prognos.training.sequence.ChannelSelectionRule}: non-constant and correlated with remaining life; the
 * same rule picks among the scalar columns the settings name, such as the cycles elapsed),
 * standardizes them with DL4J's {@code NormalizerStandardize} fitted on the training rows (only its means and
 * standard deviations are stored, as JSON), and trains one or more networks
 * ({@link org.prognos.training.sequence.SequenceArchitecture}) with early stopping on the held-out assets, reporting
 * every epoch to an {@link org.prognos.training.sequence.EpochListener}. The result, a
 * {@link org.prognos.training.sequence.SequenceModel}, predicts with the serving code
 * ({@code org.prognos.models.dl4j.SequenceEnsemble}) and becomes a {@code dl4j-zip} bundle payload.
 *
 * <p>{@link org.prognos.training.sequence.CmapssProtocol} evaluates a model the way the C-MAPSS papers do (last cycle
 * of each test unit against {@code RUL_FDxxx}) and prints the baselines beside it. Settings, figures and the command
 * that reproduces them: {@code training/SEQUENCE_MODELS.md}.
 */
package org.prognos.training.sequence;
