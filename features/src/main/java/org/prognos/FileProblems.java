package org.prognos;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The one wording of "this file could not be read", used by every reader of a user's file (job and service configs,
 * feature specs, dataset descriptors, key files): a missing file says {@code job config not found: /abs/path}, never
 * the relative name twice, so the user sees at once which directory was searched.
 */
public final class FileProblems {
    private FileProblems() {
    }

    /**
     * Why {@code file} (a {@code what}: "job config", "API key file") could not be read, with its absolute path:
     * {@code <what> not found: <path>}, {@code <what> not readable (permission denied): <path>}, or
     * {@code cannot read <what> <path>: <reason>}.
     */
    public static String cannotRead(String what, Path file, IOException e) {
        String path = absolute(file).toString();
        if (e instanceof NoSuchFileException) {
            return what + " not found: " + path;
        }
        if (e instanceof AccessDeniedException) {
            return what + " not readable (permission denied): " + path;
        }
        return "cannot read " + what + " " + path + ": " + e.getMessage();
    }

    /** {@code file} made absolute and normalized ({@code jobs/../data} becomes {@code /repo/data}): how paths are shown. */
    public static Path absolute(Path file) {
        return file.toAbsolutePath().normalize();
    }
}
