package org.prognos.training.anomaly;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.prognos.FileProblems;
import org.prognos.features.InvalidSpecException;
import org.prognos.features.InvalidTelemetryException;
import org.prognos.features.spec.FeatureSpec;
import org.prognos.features.telemetry.TelemetrySource;
import org.prognos.features.telemetry.TimeAxis;
import org.prognos.training.config.EvaluationConfig;

/**
 * Labelled anomaly periods ({@code evaluation} in a job): the incidents an anomaly job is judged against, from a file or
 * from a 0/1 column of the data. Read after fitting and never fitted on; a period is closed at both ends.
 *
 * <p>Three sources, one result:
 * <ul>
 *   <li>a CSV file {@code asset,start,end} (a header line, then one period a line; {@code ,} or {@code ;}; {@code #}
 *       comments and blank lines skipped; times on the spec's axis). A bad line names the file, line and column;</li>
 *   <li>a {@code .json} file in the shape of NAB's {@code labels/combined_windows.json}: {@code {"folder/file.csv":
 *       [[start, end], …], …}}; the key, less {@code .csv}, names the asset;</li>
 *   <li>a 0/1 column of the data ({@link #fromColumn}): each run of an asset's consecutive readings at 1 is one period,
 *       from the run's first reading to its last.</li>
 * </ul>
 * A period names its asset as the file does; it belongs to a data asset of the same name, or whose name is the
 * period's last path segments ({@code realKnownCause/machine_temperature} labels the asset {@code machine_temperature}
 * a single file or a folder of files gives). Periods of assets not in the data are left out (NAB's file labels 58).
 *
 * @param periods the periods, in the order read
 * @param source  where they came from, for messages and the report
 */
public record LabelledPeriods(List<Period> periods, String source) {
    /** Where a job names its periods file, as its refusals say. */
    public static final String JOB_PERIODS = "at 'evaluation.periods'";
    /** Where a job names its label column, as its refusals say. */
    public static final String JOB_LABEL_COLUMN = "at 'evaluation.labelColumn'";

    public LabelledPeriods {
        periods = List.copyOf(periods);
    }

    /**
     * One labelled period of an asset, both ends included.
     *
     * @param asset the asset, as the labels name it
     * @param start the first labelled time (ticks of the spec's axis)
     * @param end   the last labelled time, not before {@code start}
     */
    public record Period(String asset, long start, long end) {
        public Period {
            if (end < start) {
                throw new IllegalArgumentException("a period of '" + asset + "' ends before it starts");
            }
        }

        boolean contains(long t) {
            return t >= start && t <= end;
        }
    }

    /** The periods of each of {@code assets} (sorted by start), by the matching rule above; an asset without any gets an empty list. */
    public Map<String, List<Period>> of(Collection<String> assets) {
        Map<String, List<Period>> out = new LinkedHashMap<>();
        for (String a : assets) {
            List<Period> mine = new ArrayList<>();
            for (Period p : periods) {
                if (p.asset().equals(a) || p.asset().endsWith("/" + a)) {
                    mine.add(p);
                }
            }
            mine.sort(Comparator.comparingLong(Period::start));
            out.put(a, List.copyOf(mine));
        }
        return out;
    }

    /**
     * The periods a job's {@code evaluation} names: its file read from {@code base} (the job config's directory), or its
     * column of {@code data} (checked against {@code spec}, which must not read it).
     */
    public static LabelledPeriods load(EvaluationConfig config, Path base, TelemetrySource data, FeatureSpec spec)
            throws IOException {
        if (config instanceof EvaluationConfig.PeriodsFile f) {
            return read(FileProblems.absolute(base.resolve(f.path())), data.axis());
        }
        return fromColumn(data, ((EvaluationConfig.LabelColumn) config).column(), spec);
    }

    /**
     * For the job log: how many periods fall on {@code assets}, and which assets the labels name that are not among
     * them (a misspelt asset in an incident list shows here rather than as a quiet "0 / 0 periods").
     */
    public String summary(Collection<String> assets) {
        Map<String, List<Period>> mine = of(assets);
        long matched = mine.values().stream().mapToLong(List::size).sum();
        java.util.Set<String> other = new java.util.TreeSet<>();
        for (Period p : periods) {
            if (assets.stream().noneMatch(a -> p.asset().equals(a) || p.asset().endsWith("/" + a))) {
                other.add(p.asset());
            }
        }
        String left = other.isEmpty() ? "" : String.format(Locale.ROOT, "; the periods of %d labelled assets not evaluated"
                + " here are left out (%s%s)", other.size(), String.join(", ", other.stream().limit(5).toList()),
                other.size() > 5 ? ", …" : "");
        return String.format(Locale.ROOT, "labelled periods from %s: %d, %d of them on the %d evaluated assets%s", source,
                periods.size(), matched, assets.size(), left);
    }

    /** Reads a periods file: NAB's windows when it ends in {@code .json}, else CSV {@code asset,start,end}. */
    public static LabelledPeriods read(Path file, TimeAxis axis) throws IOException {
        return read(file, axis, JOB_PERIODS);
    }

    /**
     * As {@link #read(Path, TimeAxis)}, a missing file refused naming {@code where} the file was given (a job's
     * {@value #JOB_PERIODS}, or a command's option such as {@code --periods}).
     */
    public static LabelledPeriods read(Path file, TimeAxis axis, String where) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new InvalidSpecException(where + ": no file " + FileProblems.absolute(file));
        }
        return file.toString().endsWith(".json") ? nabWindows(file, axis) : csv(file, axis);
    }

    private static LabelledPeriods csv(Path file, TimeAxis axis) throws IOException {
        String name = file.getFileName().toString();
        List<Period> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        boolean header = false;
        String separator = ",";
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (!header) {
                separator = line.contains(";") && !line.contains(",") ? ";" : ",";
                List<String> names = List.of(line.toLowerCase(Locale.ROOT).replace(" ", "").split(separator, -1));
                if (!names.equals(List.of("asset", "start", "end"))) {
                    throw new InvalidTelemetryException(name, i + 1, 1, "expected the header 'asset,start,end', found '" + line + "'");
                }
                header = true;
                continue;
            }
            String[] cells = line.split(separator, -1);
            if (cells.length != 3) {
                throw new InvalidTelemetryException(name, i + 1, 0, "expected 3 fields (asset, start, end), found " + cells.length);
            }
            String asset = cells[0].strip();
            if (asset.isEmpty()) {
                throw new InvalidTelemetryException(name, i + 1, 1, "the asset is empty");
            }
            long start = time(axis, cells[1], name, i + 1, 2);
            long end = time(axis, cells[2], name, i + 1, 3);
            if (end < start) {
                throw new InvalidTelemetryException(name, i + 1, 3, "the period ends (" + cells[2].strip() + ") before it starts ("
                        + cells[1].strip() + ")");
            }
            out.add(new Period(asset, start, end));
        }
        if (!header) {
            throw new InvalidTelemetryException(name, 1, 0, "expected the header 'asset,start,end', found an empty file");
        }
        return new LabelledPeriods(out, name);
    }

    private static long time(TimeAxis axis, String text, String file, long line, int column) {
        try {
            return axis.parse(text.strip());
        } catch (RuntimeException e) {
            throw new InvalidTelemetryException(file, line, column, "not a time of the data: " + e.getMessage());
        }
    }

    private static LabelledPeriods nabWindows(Path file, TimeAxis axis) throws IOException {
        String name = file.getFileName().toString();
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        if (!root.isObject()) {
            throw new InvalidSpecException(name + ": expected NAB's windows, {\"folder/file.csv\": [[start, end], ...], ...}");
        }
        List<Period> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String asset = e.getKey().replaceAll("\\.csv(\\.gz)?$", "");
            for (JsonNode w : e.getValue()) {
                if (!w.isArray() || w.size() != 2) {
                    throw new InvalidSpecException(name + ", at '" + e.getKey() + "': a window is [start, end], found " + w);
                }
                long start = jsonTime(axis, w.get(0).asText(), name, e.getKey());
                long end = jsonTime(axis, w.get(1).asText(), name, e.getKey());
                if (end < start) {
                    throw new InvalidSpecException(name + ", at '" + e.getKey() + "': the window " + w + " ends before it starts");
                }
                out.add(new Period(asset, start, end));
            }
        }
        return new LabelledPeriods(out, name);
    }

    private static long jsonTime(TimeAxis axis, String text, String file, String key) {
        try {
            return axis.parse(text);
        } catch (RuntimeException e) {
            throw new InvalidSpecException(file + ", at '" + key + "': not a time of the data: " + e.getMessage());
        }
    }

    /**
     * The periods of a 0/1 column of the data ({@code evaluation.labelColumn}). The column is a label: the spec must not
     * read it (refused naming the spec's channels), so it never reaches the features or the fit.
     */
    public static LabelledPeriods fromColumn(TelemetrySource data, String column, FeatureSpec spec) throws IOException {
        return fromColumn(data, column, spec, JOB_LABEL_COLUMN);
    }

    /**
     * As {@link #fromColumn(TelemetrySource, String, FeatureSpec)}, a refusal naming {@code where} the column was given
     * (a job's {@value #JOB_LABEL_COLUMN}, or a command's option such as {@code --label-column}).
     */
    public static LabelledPeriods fromColumn(TelemetrySource data, String column, FeatureSpec spec, String where)
            throws IOException {
        if (spec.channels().contains(column)) {
            throw new InvalidSpecException(where + ": '" + column + "' is the label the alarms are judged against, and"
                    + " the spec '" + spec.name() + "' reads it as an input (its channels: " + spec.channels()
                    + "): drop it from the spec's channels, so that no label reaches the features or the fit");
        }
        int at = data.channels().indexOf(column);
        if (at < 0) {
            throw new InvalidSpecException(where + ": the data " + data.name() + " has no column '"
                    + column + "'; its columns are " + data.channels());
        }
        TimeAxis axis = data.axis();
        List<Period> out = new ArrayList<>();
        Map<String, long[]> open = new HashMap<>();        // asset → {start, last} of its run of 1s, while one is open
        data.forEach((asset, t, values) -> {
            double v = values[at];
            if (v != 0 && v != 1) {
                throw new InvalidTelemetryException(data.name() + ": label column '" + column + "' of asset '" + asset
                        + "' at " + axis.format(t) + " holds " + v + ": expected 0 or 1");
            }
            long[] run = open.get(asset);
            if (v == 1) {
                if (run == null) {
                    open.put(asset, new long[] {t, t});
                } else {
                    run[1] = t;
                }
            } else if (run != null) {
                out.add(new Period(asset, run[0], run[1]));
                open.remove(asset);
            }
        });
        open.forEach((asset, run) -> out.add(new Period(asset, run[0], run[1])));
        return new LabelledPeriods(out, "column '" + column + "' of " + data.name());
    }
}
