package org.prognos.features;

import org.prognos.PrognosException;

import java.util.Optional;

/**
 * Input data that cannot be read as telemetry or events. When the data came from a file the message names
 * the file, the 1-based line and column, and what was expected there.
 */
public final class InvalidTelemetryException extends PrognosException {
    private final String source;
    private final long line;
    private final int column;

    /** A problem at a known place in a file; {@code line} and {@code column} are 1-based, 0 when unknown. */
    public InvalidTelemetryException(String source, long line, int column, String problem) {
        super(format(source, line, column, problem));
        this.source = source;
        this.line = line;
        this.column = column;
    }

    /** A problem that has no position (a stream of readings pushed through the API, say). */
    public InvalidTelemetryException(String problem) {
        super(problem);
        this.source = null;
        this.line = 0;
        this.column = 0;
    }

    private static String format(String source, long line, int column, String problem) {
        StringBuilder sb = new StringBuilder(source);
        if (line > 0) {
            sb.append(':').append(line);
            if (column > 0) {
                sb.append(':').append(column);
            }
        }
        return sb.append(": ").append(problem).toString();
    }

    /** The file or stream name, when the problem came from one. */
    public Optional<String> source() {
        return Optional.ofNullable(source);
    }

    /** 1-based line number, 0 when unknown. */
    public long line() {
        return line;
    }

    /** 1-based column number, 0 when unknown. */
    public int column() {
        return column;
    }
}
