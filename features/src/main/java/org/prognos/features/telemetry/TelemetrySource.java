package org.prognos.features.telemetry;

import java.io.IOException;
import java.util.List;

/**
 * A re-readable stream of telemetry: a file, a set of files, or generated data. Each call to
 * {@link #forEach} streams every reading again, so fitting can make two passes without holding the data.
 * Readings of one asset arrive in time order (the source enforces its duplicate and order policies);
 * different assets may interleave.
 */
public interface TelemetrySource {
    /** Where the data comes from, for messages. */
    String name();

    /** The time axis of the data. */
    TimeAxis axis();

    /** Channel names, in the order of the value arrays passed to the sink. */
    List<String> channels();

    /** Streams every reading into {@code sink}. */
    void forEach(ReadingSink sink) throws IOException;
}
