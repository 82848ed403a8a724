package org.prognos.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.prognos.PrognosException;
import org.prognos.cli.score.AssetFilter;
import org.prognos.models.batch.DatasetScorer;
import org.prognos.cli.score.Probes;
import org.prognos.cli.score.RowSelection;
import org.prognos.cli.score.ScoreCsv;
import org.prognos.cli.score.ServedSteps;
import org.prognos.models.anomaly.AdaptiveScorer;
import org.prognos.models.batch.ScoredRow;
import org.prognos.features.InvalidSpecException;
import org.prognos.features.extract.FeatureExtractor;
import org.prognos.features.extract.FeatureTable;
import org.prognos.features.io.Datasets;
import org.prognos.features.telemetry.Dataset;
import org.prognos.features.telemetry.TimeAxis;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code prognos score}: a published model over a dataset, one CSV row per (asset, time). */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = {"Scores a dataset with a published model, exactly as the scoring service does (same bundle loading,"
            + " features from the bundle's own spec, same scorer), and writes one row per (asset, time): asset, time, risk,"
            + " health_index, failure_any and p_CLASS per failure class (classifiers) or rul (RUL models; with rul_low and"
            + " rul_high, the bundle's conformal interval, when it has one), band, alarm, and with --explain N the top N"
            + " features and their contributions.",
            "An anomaly model published with task.scoring: adaptive is answered as the service answers it: each asset's"
            + " feature rows, from its first, through one adaptive scorer, whichever rows are written; risk, health_index,"
            + " band and alarm are the adaptive answer's, anomaly_score, anomaly_raw, anomaly_threshold and the explanation"
            + " the fitted model's view of the row, and fitted_risk, fitted_health_index, adaptive_likelihood, adaptive_raw"
            + " and adaptive_rows follow.",
            "Rows: every row the model's feature spec emits, or --as-of, --every or --last. A row at T sees the asset's"
            + " data as the service's asOf T does: strictly before T when the spec emits on a time grid, up to and"
            + " including T when it emits after readings (C-MAPSS).",
            "Output is CSV (.csv or .csv.gz). Parquet is not offered: without Hadoop on the classpath, parquet-java"
            + " 1.15-1.17 writes only uncompressed files (every codec loads Hadoop classes), needs Hadoop's API jar to"
            + " compile and adds about 18 MB of jars; .csv.gz is smaller than that uncompressed Parquet."},
        footer = {"", "Examples:",
            "  prognos score --registry registry --model azure-24h --data notebooks-data/azure-pdm --assets 51-70 --every 24h --out scores.csv",
            "  prognos score --registry registry --model cmapss-fd001-rul --data notebooks-data/cmapss --subset FD001:test --last --out rul.csv"})
final class ScoreCommand implements Callable<Integer> {
    @Spec
    CommandSpec command;

    @Option(names = "--registry", required = true, description = "Registry directory.")
    Path registry;

    @Option(names = "--model", required = true, description = "Model: NAME (its production alias, else its latest version), NAME:VERSION or NAME@ALIAS.")
    String model;

    @Option(names = "--data", required = true, description = "Dataset: descriptor file or data directory (as for features).")
    Path data;

    @Option(names = "--subset", description = "C-MAPSS subset and part, e.g. FD001:test.")
    String subset;

    @Mixin
    FilePickOptions files;

    @Option(names = "--assets", description = "Score these assets only: ids and ranges, e.g. 51-70 or 3,7,pump-a.")
    String assets;

    @Option(names = "--out", required = true, description = "Output file: .csv, or .csv.gz (gzip).")
    Path out;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Rows rows = new Rows();

    /** The row choice: at most one; none means every row the spec emits. */
    static final class Rows {
        @Option(names = "--as-of", description = "One row per asset at this time (a time on the data's axis, e.g. '2015-12-01 00:00:00' or a cycle).")
        String asOf;

        @Option(names = "--every", description = "Each asset on a time grid of this stride, e.g. 24h (a number of cycles on a cycle axis).")
        String every;

        @Option(names = "--last", description = "One row per asset just after its last reading (on a cycle spec: at its last cycle, the C-MAPSS protocol).")
        boolean last;
    }

    @Option(names = "--explain", description = "Add the top N features of each row and their contributions (default: ${DEFAULT-VALUE}).")
    int explain;

    @Option(names = "--batch", description = "Rows per call to the scorer (default: ${DEFAULT-VALUE}).")
    int batch = 512;

    @Option(names = "--threads", description = "Worker threads (default: available processors).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Mixin
    TrustOption trust;

    @Override
    public Integer call() throws Exception {
        String file = out.getFileName().toString();
        if (!file.endsWith(".csv") && !file.endsWith(".csv.gz")) {
            throw new InvalidSpecException("--out: write a .csv or .csv.gz file, found '" + out + "' (Parquet is not offered; see --help)");
        }
        if (explain < 0 || batch < 1 || threads < 1) {
            throw new InvalidSpecException("--explain must be at least 0, --batch and --threads at least 1");
        }
        AssetFilter filter = assets == null ? null : AssetFilter.parse(assets);
        try (DatasetScorer scorer = DatasetScorer.load(registry, model, trust.trust())) {
            FeatureExtractor ex = scorer.extractor();
            RowSelection selection = selection(ex.axis());
            long t0 = System.nanoTime();
            Dataset ds = Datasets.open(data, subset, files.pick());
            Dataset scored = filter == null ? ds : filter.apply(ds);
            Probes.Summary found = Probes.rows(ex, scored, selection, threads, n -> { });
            if (filter != null && !filter.missing().isEmpty()) {
                throw new PrognosException("--assets: " + ds.telemetry().name() + " has no readings of asset(s) " + filter.missing());
            }
            FeatureTable table = found.rows();
            if (table.size() == 0) {
                throw new PrognosException("no row to score: " + found.assets() + " assets, " + found.readings() + " readings"
                        + (selection instanceof RowSelection.AsOf ? ", none before --as-of" : ""));
            }
            ServedSteps steps = scorer.adaptiveAnomaly().isEmpty() ? null
                    : ServedSteps.of(scorer.adaptiveAnomaly().get(), ex, scored, selection, table, threads);
            long t1 = System.nanoTime();
            try (ScoreCsv csv = new ScoreCsv(out, scorer.numericColumns(), explain);
                 Progress bar = Progress.onTerminal("score " + scorer.model(), table.size(), "rows", System.err)) {
                write(scorer, table, steps == null ? null : steps.steps(), csv, bar);
            }
            long t2 = System.nanoTime();
            double seconds = (t2 - t0) / 1e9;
            command.commandLine().getOut().printf(Locale.ROOT,
                    "scored %d rows of %d assets with %s in %.2f s (%.0f rows/s; features%s %.2f s, scoring and writing %.2f s)%n",
                    table.size(), table.assetOrder().size(), scorer.model(), seconds, table.size() / seconds,
                    steps == null ? "" : " and adaptive replay", (t1 - t0) / 1e9, (t2 - t1) / 1e9);
            scorer.intervalText().ifPresent(command.commandLine().getOut()::println);
            if (steps != null) {
                command.commandLine().getOut().printf(Locale.ROOT, "scored adaptively, as the service: each asset's feature"
                        + " rows from its first (%d in all) through one adaptive scorer; risk, health_index, band and alarm are"
                        + " the adaptive answer's, fitted_risk and fitted_health_index the fitted model's%n", steps.specRows());
            }
            scorer.fleetScalingNote(table.assetOrder()).ifPresent(command.commandLine().getOut()::println);
            if (steps != null) {
                scorer.learnedScalingNote(table, steps.steps()).ifPresent(command.commandLine().getOut()::println);
            }
            command.commandLine().getOut().println("wrote " + out);
        }
        return 0;
    }

    private RowSelection selection(TimeAxis axis) {
        if (rows.asOf != null) {
            try {
                return new RowSelection.AsOf(axis.parse(rows.asOf));
            } catch (IllegalArgumentException e) {
                throw new InvalidSpecException("--as-of: " + e.getMessage());
            }
        }
        if (rows.every != null) {
            long stride;
            try {
                stride = axis.parseSpan(rows.every);
            } catch (RuntimeException e) {
                throw new InvalidSpecException("--every: " + e.getMessage());
            }
            if (stride <= 0) {
                throw new InvalidSpecException("--every: the stride must be positive, found '" + rows.every + "'");
            }
            // the spec's own grid convention: multiples of the stride from midnight 1970-01-01 in the axis' zone, or cycle 0
            long anchor = axis instanceof TimeAxis.Timestamps ts
                    ? -ts.zone().getRules().getOffset(Instant.EPOCH).getTotalSeconds() * TimeAxis.Timestamps.MICROS_PER_SECOND
                    : 0;
            return new RowSelection.Grid(stride, anchor);
        }
        return rows.last ? new RowSelection.Last() : new RowSelection.SpecRows();
    }

    /**
     * Scores the table in batches on {@code threads} threads and writes the rows in order; at most two batches per
     * thread wait at a time, so memory does not grow with the table. {@code steps}: each row's adaptive step, for a
     * model scored adaptively; else null.
     */
    private void write(DatasetScorer scorer, FeatureTable table, AdaptiveScorer.Step[] steps, ScoreCsv csv, Progress bar)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "prognos-score");
            t.setDaemon(true);
            return t;
        });
        try {
            ArrayDeque<Future<List<ScoredRow>>> pending = new ArrayDeque<>();
            long done = 0;
            for (int from = 0; from < table.size() || !pending.isEmpty(); ) {
                while (from < table.size() && pending.size() < 2 * threads) {
                    int a = from;
                    int b = Math.min(table.size(), from + batch);
                    pending.add(pool.submit(() -> steps == null ? scorer.score(table, a, b, explain)
                            : scorer.score(table, a, b, explain, steps)));
                    from = b;
                }
                List<ScoredRow> scored = take(pending.poll());
                scored.forEach(csv::write);
                done += scored.size();
                bar.stepTo(done);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<ScoredRow> take(Future<List<ScoredRow>> f) throws Exception {
        try {
            return f.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception x ? x : e;
        }
    }
}
