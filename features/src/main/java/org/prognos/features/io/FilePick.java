package org.prognos.features.io;

import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.PatternSyntaxException;
import org.prognos.FileProblems;
import org.prognos.features.InvalidSpecException;

/**
 * Which CSV files of a folder of runs ({@link CsvFolderSource}) are read, so a benchmark that ships files of another
 * layout beside its runs (SKAB's {@code anomaly-free/anomaly-free.csv}, without the label columns) can be read as it
 * is downloaded. Patterns are globs ({@link FileSystem#getPathMatcher}, {@code glob:} syntax) on a file's path
 * relative to the folder, {@code /}-separated: {@code valve1/*.csv}; {@code *} stays within one folder, {@code **}
 * crosses folders. A pattern also matches every file of a sub-folder it matches, so {@code anomaly-free} leaves out
 * that folder's files.
 *
 * <p>A file is read when {@code files} is empty or one of its patterns matches it, and none of {@code exclude}'s does.
 * Every pattern must match at least one of the folder's CSV files (a pattern with a typo would otherwise leave the
 * data silently different), and at least one file must be left. One definition for every entry point: a training
 * job's {@code data.files} / {@code data.exclude} and the command line's {@code --files} / {@code --exclude}.
 *
 * @param files   patterns of the files to read; empty for every CSV file of the folder
 * @param exclude patterns of the files to leave out
 */
public record FilePick(List<String> files, List<String> exclude) {
    /** Where a user gives a pick, for messages that tell how to give one. */
    public static final String WHERE = "'files' / 'exclude' (data.files / data.exclude in a training job,"
            + " --files / --exclude on the command line)";

    public FilePick {
        files = List.copyOf(Objects.requireNonNull(files, "files"));
        exclude = List.copyOf(Objects.requireNonNull(exclude, "exclude"));
        for (String p : files) {
            requirePattern("files", p);
        }
        for (String p : exclude) {
            requirePattern("exclude", p);
        }
    }

    /** Every CSV file of the folder: the folder read as it was before picks existed. */
    public static FilePick all() {
        return new FilePick(List.of(), List.of());
    }

    /** A pick from optional lists, as a config or a command line gives them (absent: empty). */
    public static FilePick of(List<String> files, List<String> exclude) {
        return new FilePick(files == null ? List.of() : files, exclude == null ? List.of() : exclude);
    }

    /** Whether this pick reads every file (no pattern given). */
    public boolean picksAll() {
        return files.isEmpty() && exclude.isEmpty();
    }

    /**
     * The files of {@code csv} (CSV files of {@code folder}, in reading order) this pick keeps, in the same order.
     *
     * @throws InvalidSpecException naming the pattern and the folder when a pattern matches none of them, or when
     *                              none is left
     */
    List<Path> select(Path folder, List<Path> csv) {
        List<PathMatcher> include = matchers(folder.getFileSystem(), "files", files);
        List<PathMatcher> leaveOut = matchers(folder.getFileSystem(), "exclude", exclude);
        boolean[] includeUsed = new boolean[include.size()];
        boolean[] excludeUsed = new boolean[leaveOut.size()];
        List<Path> kept = new ArrayList<>();
        for (Path f : csv) {
            Path relative = folder.relativize(f);
            boolean in = include.isEmpty() || anyMatch(include, relative, includeUsed);
            boolean out = anyMatch(leaveOut, relative, excludeUsed);
            if (in && !out) {
                kept.add(f);
            }
        }
        requireUsed("files", files, includeUsed, folder);
        requireUsed("exclude", exclude, excludeUsed, folder);
        if (kept.isEmpty()) {
            throw new InvalidSpecException("no CSV file of " + FileProblems.absolute(folder) + " is left to read: "
                    + describe() + " leaves out all " + csv.size());
        }
        return kept;
    }

    /** The pick as the user wrote it, for messages and reports: {@code files [valve1/*.csv], exclude [anomaly-free]}. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (!files.isEmpty()) {
            parts.add("files " + files);
        }
        if (!exclude.isEmpty()) {
            parts.add("exclude " + exclude);
        }
        return parts.isEmpty() ? "every CSV file" : String.join(", ", parts);
    }

    /** Whether a matcher matches {@code relative} or its folder; every matcher that does is marked used. */
    private static boolean anyMatch(List<PathMatcher> matchers, Path relative, boolean[] used) {
        boolean any = false;
        for (int i = 0; i < matchers.size(); i++) {
            PathMatcher m = matchers.get(i);
            if (m.matches(relative) || (relative.getParent() != null && m.matches(relative.getParent()))) {
                used[i] = true;
                any = true;
            }
        }
        return any;
    }

    private static void requireUsed(String option, List<String> patterns, boolean[] used, Path folder) {
        for (int i = 0; i < used.length; i++) {
            if (!used[i]) {
                throw new InvalidSpecException("'" + option + "' pattern '" + patterns.get(i) + "' matches no CSV file of "
                        + FileProblems.absolute(folder) + " (patterns are globs on a file's path relative to the folder,"
                        + " e.g. valve1/*.csv; files are looked for at its top and one level down)");
            }
        }
    }

    private static List<PathMatcher> matchers(FileSystem fs, String option, List<String> patterns) {
        List<PathMatcher> out = new ArrayList<>();
        for (String p : patterns) {
            try {
                out.add(fs.getPathMatcher("glob:" + p.trim()));
            } catch (PatternSyntaxException e) {
                throw new InvalidSpecException("'" + option + "' pattern '" + p + "' is not a glob: " + e.getDescription(), e);
            }
        }
        return out;
    }

    private static void requirePattern(String option, String pattern) {
        if (pattern == null || pattern.isBlank()) {
            throw new InvalidSpecException("'" + option + "' holds an empty pattern: each is a glob such as valve1/*.csv");
        }
    }
}
