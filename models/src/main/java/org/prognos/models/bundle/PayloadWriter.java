package org.prognos.models.bundle;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes a payload's file(s) into a bundle directory that is being assembled (a registry staging directory).
 * It may create several plain files; every one is then checksummed into the manifest. If it throws, the
 * bundle is abandoned: nothing is published.
 */
@FunctionalInterface
public interface PayloadWriter {
    /** Writes the payload into {@code directory}, which exists and is otherwise being filled by the bundle writer. */
    void writeTo(Path directory) throws IOException;
}
