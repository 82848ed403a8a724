package org.prognos.features.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.prognos.features.InvalidSpecException;
import org.prognos.features.telemetry.Dataset;

/**
 * Opens a dataset from a path, recognizing the layouts Prognos knows: a {@code dataset.json} descriptor (or
 * a directory holding one), an Azure PdM directory ({@code PdM_telemetry.csv[.gz]}), or a C-MAPSS directory
 * ({@code train_FDxxx.txt[.gz]}; pick the subset and the part as {@code FD001} / {@code FD001:test}).
 */
public final class Datasets {
    private Datasets() {
    }

    /**
     * @param path   a descriptor file or a data directory
     * @param subset for C-MAPSS, {@code FD001} (train part) or {@code FD001:test}; ignored otherwise
     */
    public static Dataset open(Path path, String subset) throws IOException {
        if (Files.isRegularFile(path) && path.toString().endsWith(".json")) {
            return DatasetConfig.read(path).open(path.toAbsolutePath().getParent());
        }
        if (!Files.isDirectory(path)) {
            throw new InvalidSpecException("no dataset at " + path + ": expected a directory or a dataset.json descriptor");
        }
        if (Files.exists(path.resolve("dataset.json"))) {
            return DatasetConfig.read(path.resolve("dataset.json")).open(path);
        }
        if (exists(path, "PdM_telemetry.csv")) {
            return AzurePdm.load(path);
        }
        try (var files = Files.list(path)) {
            if (files.anyMatch(f -> f.getFileName().toString().matches("train_FD\\d{3}\\.txt(\\.gz)?"))) {
                if (subset == null || subset.isBlank()) {
                    throw new InvalidSpecException(path + " holds C-MAPSS data: name the subset, e.g. FD001 or FD001:test");
                }
                String[] parts = subset.split(":");
                Cmapss c = Cmapss.load(path, parts[0]);
                String part = parts.length > 1 ? parts[1].toLowerCase(Locale.ROOT) : "train";
                return switch (part) {
                    case "train" -> c.train();
                    case "test" -> c.test();
                    default -> throw new InvalidSpecException("C-MAPSS part must be train or test, found '" + parts[1] + "'");
                };
            }
        }
        throw new InvalidSpecException("cannot tell what data " + path + " holds: expected a dataset.json descriptor, "
                + "Azure PdM files (PdM_telemetry.csv) or C-MAPSS files (train_FD001.txt)");
    }

    private static boolean exists(Path dir, String name) {
        return Files.exists(dir.resolve(name)) || Files.exists(dir.resolve(name + ".gz"));
    }
}
