package org.prognos.features.synthetic;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Command line for writing a synthetic fleet and timing it (the project CLI offers the same with more
 * options):
 * <pre>
 * java -cp prognos-features.jar org.prognos.features.synthetic.GenerateFleet DIR [assets] [hours] [seed] [gzip|plain] [threads]
 * </pre>
 * Defaults: 200 assets, 8760 hours, seed 42, plain, 1 thread. Prints the rows written and rows per second.
 */
public final class GenerateFleet {
    private GenerateFleet() {
    }

    /** Writes a fleet as described in the class documentation. */
    public static void main(String[] args) throws IOException {
        PrintStream out = System.out;
        if (args.length < 1) {
            out.println("usage: GenerateFleet DIR [assets] [hours] [seed] [gzip|plain] [threads]");
            return;
        }
        Path dir = Path.of(args[0]);
        int assets = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int hours = args.length > 2 ? Integer.parseInt(args[2]) : 8760;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 42;
        boolean gzip = args.length > 4 && args[4].equalsIgnoreCase("gzip");
        int threads = args.length > 5 ? Integer.parseInt(args[5]) : 1;
        WriteOptions options = (gzip ? WriteOptions.gzip() : WriteOptions.plainCsv()).withThreads(threads);
        WriteSummary s = new SyntheticFleet(FleetConfig.hourly(assets, hours, seed)).writeTo(dir, options);
        out.printf(Locale.ROOT, "%d rows, %d failures, %d maintenance, %d alarms in %.2f s: %.0f rows/s (%s, %d thread(s)) -> %s%n",
                s.telemetryRows(), s.failures(), s.maintenance(), s.alarms(), s.elapsed().toNanos() / 1e9,
                s.rowsPerSecond(), gzip ? "gzip" : "plain", threads, dir);
    }
}
