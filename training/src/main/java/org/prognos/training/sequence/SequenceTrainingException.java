package org.prognos.training.sequence;

import org.prognos.PrognosException;

/** Training data a sequence model cannot be trained on (no labelled rows, no informative channel), or a DL4J failure during training, wrapped. */
public final class SequenceTrainingException extends PrognosException {
    public SequenceTrainingException(String message) {
        super(message);
    }

    public SequenceTrainingException(String message, Throwable cause) {
        super(message, cause);
    }
}
