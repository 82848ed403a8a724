package org.prognos.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.prognos.FileProblems;
import org.prognos.features.synthetic.FleetConfig;
import org.prognos.features.synthetic.Reliability;
import org.prognos.features.synthetic.SyntheticFleet;
import org.prognos.features.synthetic.WriteOptions;
import org.prognos.features.synthetic.WriteSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code prognos synth}: writes a seeded synthetic network fleet (every file says it is synthetic). */
@Command(name = "synth", mixinStandardHelpOptions = true,
        description = {"Generates a seeded SYNTHETIC fleet of optical nodes, CMTS and routers: hourly telemetry,"
            + " failures, maintenance, alarms and asset attributes, streamed to disk with a dataset.json.",
            "For scale tests and edge cases; every file's first line says it is synthetic."})
final class SynthCommand implements Callable<Integer> {
    @Spec
    CommandSpec command;

    @Option(names = "--out", required = true, description = "Output directory.")
    Path out;

    @Option(names = "--assets", description = "Number of assets (default: ${DEFAULT-VALUE}).")
    int assets = 100;

    @Option(names = "--hours", description = "Hours of history per asset (default: ${DEFAULT-VALUE}, a year).")
    int hours = 8760;

    @Option(names = "--seed", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @Option(names = "--reliability", description = "defaults, wearing (many failures) or never (no failures).")
    String reliability = "defaults";

    @Option(names = "--plain", description = "Write plain CSV instead of gzip.")
    boolean plain;

    @Option(names = "--threads", description = "Writer threads (default: available processors).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Override
    public Integer call() throws Exception {
        Reliability r = switch (reliability.toLowerCase(Locale.ROOT)) {
            case "defaults" -> Reliability.defaults();
            case "wearing" -> Reliability.wearing();
            case "never" -> Reliability.neverFailing();
            default -> throw new org.prognos.features.InvalidSpecException(
                    "--reliability must be defaults, wearing or never, found '" + reliability + "'");
        };
        Files.createDirectories(out);
        SyntheticFleet fleet = new SyntheticFleet(FleetConfig.hourly(assets, hours, seed).withReliability(r));
        var s = fleet.writeTo(out, (plain ? WriteOptions.plainCsv() : WriteOptions.gzip()).withThreads(threads));
        command.commandLine().getOut().println(summary(s, assets));
        return 0;
    }

    /**
     * {@code wrote 5 assets (SYNTHETIC) to /abs/fleet in 0.4 s: 1,500 telemetry rows, 3 failures, 2 maintenance
     * records, 40 alarms; 6 files}.
     */
    static String summary(WriteSummary s, int assets) {
        return String.format(Locale.ROOT, "wrote %,d assets (SYNTHETIC) to %s in %.1f s: %,d telemetry rows, %,d failures,"
                        + " %,d maintenance records, %,d alarms; %d files", assets, FileProblems.absolute(s.directory()),
                s.elapsed().toMillis() / 1000.0, s.telemetryRows(), s.failures(), s.maintenance(), s.alarms(), s.files().size());
    }
}
