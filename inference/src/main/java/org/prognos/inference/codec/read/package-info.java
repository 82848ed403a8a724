/**
 * Reading request bodies into the scoring core's typed windows
 * ({@link org.prognos.inference.scoring.ReadingWindow}) on a model's
 * {@link org.prognos.inference.scoring.WindowSchema}. {@link org.prognos.inference.codec.read.WindowReader} is the
 * fast path: a well-formed score body parsed straight into the window's arrays, giving up on anything unusual;
 * {@link org.prognos.inference.codec.read.RequestWindow} is the general path from a bound request, which checks
 * every reading, event and time and words every problem with its JSON path. The fast path's windows equal the
 * general path's (WindowReaderTest).
 */
package org.prognos.inference.codec.read;
