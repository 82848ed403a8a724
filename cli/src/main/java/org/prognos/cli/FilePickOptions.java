package org.prognos.cli;

import java.util.ArrayList;
import java.util.List;
import org.prognos.features.io.FilePick;
import picocli.CommandLine.Option;

/**
 * {@code --files GLOB} and {@code --exclude GLOB} (each repeatable), shared by the commands that read a dataset with
 * {@code --data}: which CSV files of a folder of runs are read, the {@link FilePick} a training job writes as
 * {@code data.files} / {@code data.exclude}. Without either, {@code --data} is opened by what it holds, as before.
 */
final class FilePickOptions {
    @Option(names = "--files", paramLabel = "GLOB", description = "Read only the CSV files of the --data folder that match"
            + " this glob, on the path relative to the folder (e.g. 'valve1/*.csv'; a sub-folder's name picks its files);"
            + " repeatable. A pattern that matches no file is refused.")
    List<String> files = new ArrayList<>();

    @Option(names = "--exclude", paramLabel = "GLOB", description = "Leave out the CSV files of the --data folder that"
            + " match this glob (e.g. 'anomaly-free'); repeatable. A pattern that matches no file is refused.")
    List<String> exclude = new ArrayList<>();

    /** The pick the options give: every file when there are none. */
    FilePick pick() {
        return FilePick.of(files, exclude);
    }
}
