package org.prognos.features.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.prognos.FileProblems;
import org.prognos.features.InvalidSpecException;
import org.prognos.features.telemetry.ReadingSink;
import org.prognos.features.telemetry.TelemetrySource;
import org.prognos.features.telemetry.TimeAxis;

/**
 * A folder of CSV files, one asset (one run) each: the layout of run-per-file benchmarks and of a historian export
 * written one file per machine ({@code valve1/0.csv}, {@code valve1/1.csv}, …). Each file is read exactly as a single
 * {@code .csv} file is ({@link WideCsvSource#singleAsset}: time first, then the channels; its separator found from its
 * header, so {@code ;} files read without a descriptor), and its readings belong to the asset named by its path
 * relative to the folder without the {@code .csv} / {@code .csv.gz} ending: {@code machine_temperature} for a file at
 * the top, {@code valve1/0} for one a level down. Deeper files are not looked for.
 *
 * <p>Every file must have the same header (time column and channels, in the same order): a fleet with one set of
 * channels is what a feature spec reads. A file whose header differs is refused, naming it and the first file.
 * Files are read in name order; a bad cell names the file (relative path), its line and column.
 */
public final class CsvFolderSource implements TelemetrySource {
    private final Path folder;
    private final Map<String, WideCsvSource> files;
    private final List<String> channels;
    private final TimeAxis axis;

    private CsvFolderSource(Path folder, Map<String, WideCsvSource> files, List<String> channels, TimeAxis axis) {
        this.folder = folder;
        this.files = files;
        this.channels = List.copyOf(channels);
        this.axis = axis;
    }

    /**
     * The CSV files of {@code folder} (and of its sub-folders, one level down), or empty when it holds none.
     *
     * @param policy how each file's rows are read (the single-file policy, for the same result file by file)
     */
    static Optional<CsvFolderSource> find(Path folder, TimeAxis axis, ReadPolicy policy) throws IOException {
        List<Path> csv = csvFiles(folder);
        return csv.isEmpty() ? Optional.empty() : Optional.of(read(folder, csv, axis, policy));
    }

    /**
     * The CSV files of {@code folder} that {@code pick} keeps: the folder is taken to be a folder of runs, whatever
     * else it holds.
     *
     * @throws InvalidSpecException when {@code folder} is not a directory, holds a {@code dataset.json} (which names
     *                              its own files), holds no CSV file, or a pattern of {@code pick} matches none
     */
    static CsvFolderSource open(Path folder, TimeAxis axis, ReadPolicy policy, FilePick pick) throws IOException {
        String where = FileProblems.absolute(folder).toString();
        if (!Files.isDirectory(folder)) {
            throw new InvalidSpecException(FilePick.WHERE + " pick the CSV files of a folder of runs; " + where
                    + (Files.exists(folder) ? " is a file" : " does not exist"));
        }
        if (Files.exists(folder.resolve("dataset.json"))) {
            throw new InvalidSpecException(FilePick.WHERE + " pick the CSV files of a folder of runs; " + where
                    + " holds a dataset.json descriptor, which names the files it reads itself");
        }
        List<Path> csv = csvFiles(folder);
        if (csv.isEmpty()) {
            throw new InvalidSpecException(FilePick.WHERE + " pick the CSV files of a folder of runs; " + where
                    + " holds no .csv or .csv.gz file at its top or one level down");
        }
        return read(folder, pick.select(folder, csv), axis, policy);
    }

    /** {@code csv} (files of {@code folder}), one asset each, once their headers are known to agree. */
    private static CsvFolderSource read(Path folder, List<Path> csv, TimeAxis axis, ReadPolicy policy) throws IOException {
        Map<String, WideCsvSource> files = new LinkedHashMap<>();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Path f : csv) {
            String relative = folder.relativize(f).toString().replace('\\', '/');
            String asset = relative.substring(0, relative.lastIndexOf(".csv"));
            headers.put(relative, headerOf(f, relative));
            files.put(asset, WideCsvSource.singleAsset(f, relative, axis, asset, policy));
        }
        requireOneHeader(folder, headers);
        return new CsvFolderSource(folder, files, files.values().iterator().next().channels(), axis);
    }

    /**
     * Refuses files whose headers differ, naming the first file with a header other than the most common one (the
     * first file's on a tie), a file with that one, and the pick that would leave the odd files out.
     */
    private static void requireOneHeader(Path folder, Map<String, List<String>> headers) {
        Map<List<String>, List<String>> filesByHeader = new LinkedHashMap<>();
        headers.forEach((file, h) -> filesByHeader.computeIfAbsent(h, k -> new ArrayList<>()).add(file));
        if (filesByHeader.size() == 1) {
            return;
        }
        List<String> common = null;
        for (var e : filesByHeader.entrySet()) {
            if (common == null || e.getValue().size() > filesByHeader.get(common).size()) {
                common = e.getKey();
            }
        }
        List<String> usual = filesByHeader.get(common);
        List<String> odd = new ArrayList<>();
        headers.forEach((file, h) -> {
            if (!h.equals(headers.get(usual.get(0)))) {
                odd.add(file);
            }
        });
        String first = odd.get(0);
        throw new InvalidSpecException("the CSV files of " + folder + " must share one header (one asset each, the"
                + " same channels): " + first + " has " + headers.get(first) + ", " + usual.get(0) + " has " + common
                + " (as " + usual.size() + " of the " + headers.size() + " files do); to leave "
                + (odd.size() == 1 ? "it" : "the " + odd.size() + " files with another header") + " out, give "
                + FilePick.WHERE + ", e.g. exclude " + leaveOut(first, usual));
    }

    /** A pattern that leaves {@code file} out: its sub-folder when no file of the common header is there, else itself. */
    private static String leaveOut(String file, List<String> usual) {
        int slash = file.indexOf('/');
        if (slash < 0) {
            return "'" + file + "'";
        }
        String sub = file.substring(0, slash + 1);
        return usual.stream().anyMatch(f -> f.startsWith(sub)) ? "'" + file + "'" : "'" + sub + "*'";
    }

    /** The header's names: the time column, then the channels. */
    private static List<String> headerOf(Path file, String relative) throws IOException {
        try (var reader = CsvRows.open(file)) {
            return Header.read(reader.iterator(), relative).names();
        }
    }

    /** {@code .csv} / {@code .csv.gz} files at the top of {@code folder} and one level down, in path order. */
    private static List<Path> csvFiles(Path folder) throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> top = Files.list(folder)) {
            for (Path p : top.sorted().toList()) {
                if (Files.isRegularFile(p) && isCsv(p)) {
                    out.add(p);
                } else if (Files.isDirectory(p)) {
                    try (Stream<Path> inner = Files.list(p)) {
                        inner.filter(f -> Files.isRegularFile(f) && isCsv(f)).sorted().forEach(out::add);
                    }
                }
            }
        }
        return out;
    }

    private static boolean isCsv(Path p) {
        String n = TextInput.name(p);
        return n.endsWith(".csv") || n.endsWith(".csv.gz");
    }

    /** The assets, one per file, in the order they are read. */
    public List<String> assets() {
        return List.copyOf(files.keySet());
    }

    @Override
    public String name() {
        return folder.getFileName() + " (" + files.size() + (files.size() == 1 ? " CSV file)" : " CSV files)");
    }

    @Override
    public TimeAxis axis() {
        return axis;
    }

    @Override
    public List<String> channels() {
        return channels;
    }

    /** Every file's readings, file after file (an asset's readings stay in time order, as the file's policy keeps them). */
    @Override
    public void forEach(ReadingSink sink) throws IOException {
        for (WideCsvSource f : files.values()) {
            f.forEach(sink);
        }
    }

    @Override
    public String toString() {
        return "CsvFolderSource[" + folder + ", " + files.size() + " files, " + channels.size() + " channels]";
    }
}
