package org.prognos.features.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.prognos.FileProblems;
import org.prognos.features.InvalidSpecException;
import org.prognos.features.telemetry.AssetAttributes;
import org.prognos.features.telemetry.Dataset;
import org.prognos.features.telemetry.EventLog;
import org.prognos.features.telemetry.TelemetrySource;
import org.prognos.features.telemetry.TimeAxis;

/**
 * Opens a dataset from a path, recognizing the layouts Prognos knows: a {@code dataset.json} descriptor (or
 * a directory holding one), an Azure PdM directory ({@code PdM_telemetry.csv[.gz]}), a C-MAPSS directory
 * ({@code train_FDxxx.txt[.gz]}; pick the subset and the part as {@code FD001} / {@code FD001:test}), or IMS
 * bearing snapshots: an archive ({@code .tar.xz}, {@code .tar.gz}, {@code .tar}), a directory holding one
 * archive (name the file as the subset when it holds several), or a directory of snapshot files named by
 * their start time. IMS data has no event log: it is one run to failure, for anomaly and health-index work.
 * A single {@code .csv} / {@code .csv.gz} file without a descriptor is one asset's series (time first, then one
 * column per channel, timestamps read as UTC; the asset is named after the file), as the Numenta Anomaly Benchmark
 * files are: no event log either; a reading older than its predecessor is dropped ({@link #SINGLE_ASSET_POLICY}).
 * A directory of such files (at its top or one level down) with none of the layouts above is a fleet of them, one
 * asset per file ({@link CsvFolderSource}: {@code valve1/0.csv} is asset {@code valve1/0}), read the same way;
 * a {@link FilePick} chooses which of its files are read.
 */
public final class Datasets {
    /**
     * How a bare single-asset CSV is read: as {@link ReadPolicy#defaults()}, except that a reading older than the
     * previous one is dropped rather than failing the read (NAB's machine-temperature file repeats an hour, 12 rows,
     * out of order); a descriptor can choose otherwise.
     */
    static final ReadPolicy SINGLE_ASSET_POLICY = new ReadPolicy(ReadPolicy.MissingValues.KEEP_NAN,
            ReadPolicy.Duplicates.KEEP_FIRST, ReadPolicy.OutOfOrder.DROP, ReadPolicy.UnknownAssets.IGNORE);

    private Datasets() {
    }

    /**
     * @param path   a descriptor file or a data directory
     * @param subset for C-MAPSS, {@code FD001} (train part) or {@code FD001:test}; for a directory of IMS
     *               archives, the archive's file name; ignored otherwise
     */
    public static Dataset open(Path path, String subset) throws IOException {
        return open(path, subset, FilePick.all());
    }

    /**
     * As {@link #open(Path, String)}, reading only the CSV files {@code pick} keeps when it names any pattern: then
     * {@code path} is taken to be a folder of runs ({@link CsvFolderSource}), whatever else it holds.
     *
     * @param pick which CSV files of a folder of runs are read; {@link FilePick#all()} to open {@code path} by what it holds
     */
    public static Dataset open(Path path, String subset, FilePick pick) throws IOException {
        if (!pick.picksAll()) {
            return unlabelled(CsvFolderSource.open(path, TimeAxis.Timestamps.utc(), SINGLE_ASSET_POLICY, pick));
        }
        if (Files.isRegularFile(path) && path.toString().endsWith(".json")) {
            return DatasetConfig.read(path).open(path.toAbsolutePath().getParent());
        }
        if (Files.isRegularFile(path) && ImsBearingSource.isArchiveName(TextInput.name(path))) {
            return unlabelled(ImsBearingSource.open(path));
        }
        if (Files.isRegularFile(path) && isPlainCsv(TextInput.name(path))) {
            String name = TextInput.name(path);
            String asset = name.substring(0, name.indexOf(".csv"));
            return unlabelled(WideCsvSource.singleAsset(path, TimeAxis.Timestamps.utc(), asset, SINGLE_ASSET_POLICY));
        }
        if (!Files.exists(path)) {
            throw new InvalidSpecException("data not found: " + FileProblems.absolute(path));
        }
        if (!Files.isDirectory(path)) {
            throw new InvalidSpecException("no dataset at " + FileProblems.absolute(path) + ": expected a directory or a dataset.json descriptor");
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
        Optional<Dataset> ims = imsBearing(path, subset);
        if (ims.isPresent()) {
            return ims.get();
        }
        Optional<CsvFolderSource> runs = CsvFolderSource.find(path, TimeAxis.Timestamps.utc(), SINGLE_ASSET_POLICY);
        if (runs.isPresent()) {
            return unlabelled(runs.get());
        }
        throw new InvalidSpecException("cannot tell what data " + path + " holds: expected a dataset.json descriptor, "
                + "Azure PdM files (PdM_telemetry.csv), C-MAPSS files (train_FD001.txt), IMS bearing snapshots "
                + "(a .tar.xz archive, or files named like 2004.02.12.10.32.39) or CSV files, one asset each");
    }

    /** A CSV file of one asset's readings: {@code .csv} or {@code .csv.gz}. */
    private static boolean isPlainCsv(String name) {
        return name.endsWith(".csv") || name.endsWith(".csv.gz");
    }

    /** IMS snapshots in {@code dir}: one archive (or the one named by {@code subset}), or the snapshot files. */
    private static Optional<Dataset> imsBearing(Path dir, String subset) throws IOException {
        List<Path> archives;
        boolean snapshots;
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> all = files.filter(Files::isRegularFile).sorted().toList();
            archives = all.stream().filter(f -> ImsBearingSource.isArchiveName(TextInput.name(f))).toList();
            snapshots = all.stream().anyMatch(f -> ImsBearingSource.isSnapshotName(TextInput.name(f)));
        }
        if (archives.isEmpty()) {
            return snapshots ? Optional.of(unlabelled(ImsBearingSource.open(dir))) : Optional.empty();
        }
        if (subset != null && !subset.isBlank()) {
            Path named = dir.resolve(subset);
            if (!archives.contains(named)) {
                throw new InvalidSpecException(dir + " holds no IMS archive '" + subset + "'; it holds "
                        + archives.stream().map(TextInput::name).toList());
            }
            return Optional.of(unlabelled(ImsBearingSource.open(named)));
        }
        if (archives.size() > 1) {
            throw new InvalidSpecException(dir + " holds several IMS archives " + archives.stream().map(TextInput::name).toList()
                    + ": name one as the subset, or pass the archive itself as the data path");
        }
        return Optional.of(unlabelled(ImsBearingSource.open(archives.get(0))));
    }

    private static Dataset unlabelled(TelemetrySource source) {
        return new Dataset(source, EventLog.empty(), AssetAttributes.none());
    }

    private static boolean exists(Path dir, String name) {
        return Files.exists(dir.resolve(name)) || Files.exists(dir.resolve(name + ".gz"));
    }
}
