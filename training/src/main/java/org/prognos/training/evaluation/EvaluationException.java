package org.prognos.training.evaluation;

import org.prognos.PrognosException;

/**
 * Inputs an evaluation cannot use (arrays of different lengths, a probability outside [0, 1], a class index out
 * of range, a report without a baseline) or a report that cannot be written. The message names the offending
 * argument, row or file.
 */
public final class EvaluationException extends PrognosException {
    public EvaluationException(String message) {
        super(message);
    }

    public EvaluationException(String message, Throwable cause) {
        super(message, cause);
    }
}
