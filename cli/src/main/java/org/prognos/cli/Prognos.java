package org.prognos.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.prognos.PrognosException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code prognos} launcher: one command per job. */
@Command(name = "prognos", mixinStandardHelpOptions = true, versionProvider = Prognos.Version.class,
        description = "Predictive maintenance: features, training, scoring service and at-risk reports.",
        subcommands = {DemoCommand.class, FeaturesCommand.class, TrainCommand.class, EvaluateCommand.class, ScoreCommand.class, ModelsCommand.class, KeysCommand.class, ReportCommand.class, ServeCommand.class, SimulateCommand.class, SynthCommand.class, NabCommand.class, CommandLine.HelpCommand.class})
public final class Prognos {

    /**
     * ND4J and DL4J announce their backend, BLAS and workspace modes at INFO on first use; the user asked for scores.
     * Held here because java.util.logging keeps loggers only weakly.
     */
    private static final List<Logger> QUIET = List.of(
            Logger.getLogger("org.nd4j"), Logger.getLogger("org.deeplearning4j"));

    public static void main(String[] args) {
        QUIET.forEach(l -> l.setLevel(Level.WARNING));
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the launcher with the given streams; returns the exit code. Tests call this. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Prognos());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof PrognosException || e instanceof IOException || e instanceof UncheckedIOException) {
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
