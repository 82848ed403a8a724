package org.prognos.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.prognos.features.extract.BatchExtractor;
import org.prognos.features.extract.FeatureCsvWriter;
import org.prognos.features.extract.FeatureExtractor;
import org.prognos.features.extract.FeatureTable;
import org.prognos.features.io.Datasets;
import org.prognos.features.labels.Labeler;
import org.prognos.features.spec.FeatureSpec;
import org.prognos.features.spec.SpecJson;
import org.prognos.features.telemetry.Dataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code prognos features}: a dataset and a feature spec in, a feature table (CSV) out. */
@Command(name = "features", mixinStandardHelpOptions = true,
        description = {"Extracts the feature table a spec describes from a dataset, in parallel across assets.",
            "Data: a dataset.json descriptor, an Azure PdM directory, a C-MAPSS directory with --subset, or IMS bearing"
                + " snapshots (a .tar.xz archive or a directory holding one, e.g. notebooks-data/ims-bearing)."},
        footer = {"", "Example:",
            "  prognos features --spec notebooks-data/specs/azure-guide.json --data notebooks-data/azure-pdm --out azure-features.csv"})
final class FeaturesCommand implements Callable<Integer> {
    @Spec
    CommandSpec command;

    @Option(names = "--spec", required = true, description = "Feature spec (JSON).")
    Path specFile;

    @Option(names = "--data", required = true, description = "Dataset: descriptor file or data directory.")
    Path data;

    @Option(names = "--subset", description = "C-MAPSS subset and part, e.g. FD001 or FD001:test; for a directory of several IMS archives, the archive's file name.")
    String subset;

    @Mixin
    FilePickOptions files;

    @Option(names = "--fit-on", description = "Dataset to fit the spec's normalization on (training data). Default: --data.")
    Path fitOn;

    @Option(names = "--fit-subset", description = "C-MAPSS subset/part of --fit-on.")
    String fitSubset;

    @Option(names = "--save-spec", description = "Write the fitted spec here.")
    Path saveSpec;

    @Option(names = "--out", required = true, description = "Output CSV (.gz compresses).")
    Path out;

    @Option(names = "--labels", description = {"Add a label column: failure:HORIZON (binary), failure:HORIZON:comp1,comp2 (per component),"
        + " rul or rul:CAP (remaining useful life, capped). HORIZON in the data's time units, e.g. 24h or 30."})
    String labels;

    @Option(names = "--threads", description = "Worker threads (default: available processors).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Override
    public Integer call() throws Exception {
        var err = command.commandLine().getErr();
        var stdout = command.commandLine().getOut();
        FeatureSpec spec = SpecJson.read(specFile);
        Dataset ds = Datasets.open(data, subset, files.pick());
        if (spec.needsFitting()) {
            if (fitOn == null) {
                err.println("note: fitting the spec's normalization on " + data
                        + " itself; to evaluate a model, fit on training data only (--fit-on)");
            }
            Dataset fitData = fitOn == null ? ds : Datasets.open(fitOn, fitSubset);
            spec = spec.fit(fitData.telemetry());
        }
        if (saveSpec != null) {
            SpecJson.write(spec, saveSpec);
        }
        FeatureExtractor ex = new FeatureExtractor(spec);
        FeatureTable table = new FeatureTable(ex.columns());
        BatchExtractor.Summary s;
        try (Progress p = Progress.overReadings("features", ds.telemetry(), System.err)) {
            s = new BatchExtractor(ex, threads, p::stepTo).run(ds, table);
        }
        FeatureTable sorted = table.sorted();
        Labeler labeler = labels == null ? null : Labeler.parse(labels, spec.time().toAxis());
        double[] y = labeler == null ? null : labeler.label(sorted, ds.events(), s.lastReadingTimes());
        try (FeatureCsvWriter w = labeler == null ? new FeatureCsvWriter(out, ex.axis(), ex.columns())
                : new FeatureCsvWriter(out, ex.axis(), concat(ex.columns(), "label"))) {
            for (int i = 0; i < sorted.size(); i++) {
                double[] row = sorted.row(i);
                if (y != null) {
                    if (Double.isNaN(y[i])) {
                        continue;
                    }
                    row = Arrays.copyOf(row, row.length + 1);
                    row[row.length - 1] = y[i];
                }
                w.row(sorted.asset(i), sorted.time(i), row);
            }
        }
        stdout.printf(Locale.ROOT, "%d rows x %d features from %d readings of %d assets in %.2f s (%.0f readings/s, %d threads)%n",
                s.rows(), ex.columns().size(), s.readings(), s.assets(), s.seconds(), s.readings() / s.seconds(), threads);
        stdout.printf(Locale.ROOT, "state per asset: %.0f bytes mean, %d max; spec %s (hash %s)%n", s.meanStateBytes(),
                s.maxStateBytes(), spec.name(), spec.hash().substring(0, 12));
        if (labeler != null) {
            long kept = Arrays.stream(y).filter(v -> !Double.isNaN(v)).count();
            stdout.printf(Locale.ROOT, "labels %s: %d rows kept, %d censored rows dropped%n", labeler.classes(), kept, y.length - kept);
        }
        stdout.println("wrote " + out);
        return 0;
    }

    private static List<String> concat(List<String> a, String b) {
        List<String> l = new ArrayList<>(a);
        l.add(b);
        return l;
    }

    static Map<String, String> none() {
        return Map.of();
    }
}
