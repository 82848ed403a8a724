/**
 * The DL4J adapter: {@code dl4j-zip} payloads holding sequence networks (LSTM, 1-D CNN) for remaining useful life,
 * served by {@link org.prognos.models.dl4j.Dl4jPredictor}.
 *
 * <p>The story of a row: the feature spec's {@code sequence} group emits the last W normalized values of each
 * channel as flat columns; {@link org.prognos.models.dl4j.SequenceInput} picks the model's channels, standardizes
 * them with statistics fitted on training rows, and lays them out as an NCW block {@code [rows, channels, W]}, with
 * any scalar columns of the row (the cycles elapsed, a slow moving average) as further channels holding their value
 * at every position;
 * {@link org.prognos.models.dl4j.SequenceEnsemble} runs one or more networks on it and averages, scales and clips
 * their outputs into remaining life. Training and serving share these classes, so they encode rows identically.
 *
 * <p>A bundle holds {@code model.zip} (and {@code model-2.zip}, … for ensembles), each written by DL4J's
 * {@code ModelSerializer} without updater state, and {@code sequence-model.json} with the channel selection,
 * standardization statistics, output scale and member files as plain JSON.
 *
 * <p>Security: {@link org.prognos.models.dl4j.Dl4jZip} reads networks without Java deserialization. DL4J's own
 * restore Java-deserializes a {@code preprocessor.bin} entry when a zip has one, so zips are re-packed with only the
 * configuration and the parameters, and configuration type ids must name DL4J or ND4J classes.
 *
 * <p>Threads: native code honours {@code OMP_NUM_THREADS}; on small machines set it to 1 (the launcher does).
 */
package org.prognos.models.dl4j;
