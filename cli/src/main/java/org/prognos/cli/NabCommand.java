package org.prognos.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.prognos.features.spec.SpecJson;
import org.prognos.training.nab.NabDetector;
import org.prognos.training.nab.NabDetectors;
import org.prognos.training.nab.NabLabels;
import org.prognos.training.nab.NabRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code prognos nab}: streams every file of the Numenta Anomaly Benchmark through the product's anomaly families and
 * writes NAB's result files; {@code benchmarks/nab/run.sh} scores them with NAB's own scorer. A command of the
 * product rather than a benchmark class because it evaluates the product's own anomaly settings the way a user
 * would run them on one sensor, with the training code that fits them (which the benchmark jar leaves out).
 */
@Command(name = "nab", mixinStandardHelpOptions = true,
        description = {"Runs the Numenta Anomaly Benchmark under its rules (each file a stream of one asset, the first"
            + " 15 %% to learn, one setting for every file, no labels) and writes results/<detector>/<category>/"
            + " <detector>_<file>.csv for NAB's scorer (benchmarks/nab/run.sh scores them)."})
final class NabCommand implements Callable<Integer> {
    @Spec
    CommandSpec command;

    @Option(names = "--data", description = "NAB folder holding data/ and labels/combined_windows.json (default: ${DEFAULT-VALUE}).")
    Path data = Path.of("notebooks-data", "nab");

    @Option(names = "--spec", description = "Feature spec of the channel 'value' (default: ${DEFAULT-VALUE}).")
    Path spec = Path.of("notebooks-data", "specs", "nab-value-lags.json");

    @Option(names = "--out", required = true, description = "Results folder (NAB's results/).")
    Path out;

    @Option(names = "--detector", split = ",", description = "Detectors to run (default: all of them; names and scores in benchmarks/nab/README.md).")
    List<String> detectors = List.of();

    @Option(names = "--seed", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @Override
    public Integer call() throws Exception {
        NabRunner runner = new NabRunner(SpecJson.read(spec), seed);
        NabLabels labels = NabLabels.read(data.resolve("labels").resolve("combined_windows.json"));
        List<NabDetector> chosen = detectors.isEmpty() ? NabDetectors.all() : detectors.stream().map(NabDetectors::named).toList();
        for (NabDetector d : chosen) {
            long start = System.nanoTime();
            runner.run(data.resolve("data"), labels, d, out);
            command.commandLine().getOut().printf(Locale.ROOT, "%s: %d files in %.1f s -> %s  %s%n", d.name(),
                    labels.keys().size(), (System.nanoTime() - start) / 1e9, out.resolve(d.name()), d.asMap());
        }
        for (String f : runner.fallbacks()) {
            command.commandLine().getOut().println("fell back to the z-score baseline: " + f);
        }
        return 0;
    }
}
