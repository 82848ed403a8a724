package org.prognos.cli;

import java.io.PrintWriter;
import org.prognos.PrognosException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code prognos} launcher: one command per job. */
@Command(name = "prognos", mixinStandardHelpOptions = true, versionProvider = Prognos.Version.class,
        description = "Predictive maintenance: features, training, scoring service and at-risk reports.",
        subcommands = {DemoCommand.class, FeaturesCommand.class, TrainCommand.class, EvaluateCommand.class, ScoreCommand.class, ModelsCommand.class, ReportCommand.class, ServeCommand.class, SynthCommand.class, CommandLine.HelpCommand.class})
public final class Prognos {

    /**
     * ND4J and DL4J announce their backend, BLAS and workspace modes at INFO on first use; the user asked for scores.
     * Held here because java.util.logging keeps loggers only weakly.
     */
    private static final java.util.List<java.util.logging.Logger> QUIET = java.util.List.of(
            java.util.logging.Logger.getLogger("org.nd4j"), java.util.logging.Logger.getLogger("org.deeplearning4j"));

    public static void main(String[] args) {
        QUIET.forEach(l -> l.setLevel(java.util.logging.Level.WARNING));
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the launcher with the given streams; returns the exit code. Tests call this. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Prognos());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof PrognosException || e instanceof java.io.IOException || e instanceof java.io.UncheckedIOException) {
                cmd.getErr().println("prognos " + cmd.getCommandName() + ": " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cl.execute(args);
    }

    /** Version from the jar manifest, or "dev". */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Prognos.class.getPackage().getImplementationVersion();
            return new String[] {"prognos " + (v == null ? "dev" : v), "Java " + System.getProperty("java.version")};
        }
    }
}
