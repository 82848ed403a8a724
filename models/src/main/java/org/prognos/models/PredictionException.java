package org.prognos.models;

import org.prognos.PrognosException;

/** Feature rows a predictor cannot score (wrong width, infinite values, no usable feature), or a closed predictor. The message names the row and column. */
public final class PredictionException extends PrognosException {
    public PredictionException(String message) {
        super(message);
    }

    public PredictionException(String message, Throwable cause) {
        super(message, cause);
    }
}
