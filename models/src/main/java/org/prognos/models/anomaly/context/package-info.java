/**
 * The contextual anomaly family: a Java port of the Contextual Anomaly Detector, Open Source Edition (CAD OSE,
 * Mikhail Smirnov, 2016; MIT, Copyright 2016 Numenta Inc.), the {@code contextOSE} detector of the Numenta Anomaly
 * Benchmark. A univariate stream is quantised to a few bits of a fixed range ({@link
 * org.prognos.models.anomaly.context.ContextRange}); each step's bits are "facts"; {@link
 * org.prognos.models.anomaly.context.ContextMemory} remembers contexts (a left set of facts, the previous step's
 * facts and active contexts, followed by a right set, the current facts) and {@link
 * org.prognos.models.anomaly.context.ContextDetector} scores how few of the contexts the past predicts are active
 * now and how many new ones the step adds.
 *
 * <p>The port keeps the original's semantics to the bit, quirks included (Python's tuple hashes order the active
 * contexts and key the semi-context tables; context 0 never activates because the original compares it with
 * {@code False}); a test replays the Python original's scores of a NAB file and asserts equality. The memory is
 * stored in columns of primitives ({@link org.prognos.models.anomaly.context.SemiContexts}, {@link
 * org.prognos.models.anomaly.context.FactPostings}, {@link org.prognos.models.anomaly.context.IdTable}), a quarter of
 * the heap of the objects and maps first ported, which a test keeps as the reference it must equal call for call. The memory is
 * <b>not bounded</b>: contexts are never forgotten, so the state grows with the stream's novelty (see {@link
 * org.prognos.models.anomaly.context.ContextDetector#contexts()}).
 *
 * <p>Two ways to run it on a stream whose future range is unknown: {@link
 * org.prognos.models.anomaly.context.ContextScorer} fixes the range learned on a training period and clips later
 * values into it; {@link org.prognos.models.anomaly.context.WideningContextScorer} widens the range (with a margin)
 * when a value leaves it and relearns the memory by replaying the stream so far, so that the memory always matches
 * the range, without looking ahead; {@link org.prognos.models.anomaly.context.ForgettingContextScorer} bounds the
 * state: two detectors side by side, the younger replacing the elder every {@code memory} rows, so the score is that
 * of a detector that learned only the last {@code memory} to {@code 2 · memory} rows, on a range that widens (and,
 * around the remembered values only, narrows) with a rebuild by replay of those rows, or on a range the stream is
 * declared to have ({@link org.prognos.models.anomaly.context.ForgettingContextScorer#givenRange}: a sensor's
 * limits), fixed, or on open bins (the learned range's bins kept for good, a value beyond them a bin of the same
 * width beyond the range: {@link org.prognos.models.anomaly.context.ForgettingContextScorer.Range#OPEN}).
 */
package org.prognos.models.anomaly.context;
