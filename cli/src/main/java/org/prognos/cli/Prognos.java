package org.prognos.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.prognos.FileProblems;
import org.prognos.PrognosException;
import org.prognos.features.spec.JsonErrors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code prognos} launcher: one command per job. Results go to standard output, logs and errors to standard error;
 * an error the user can mend is one line naming the command ({@code prognos models show: ...}) and exit code 2.
 */
@Command(name = "prognos", mixinStandardHelpOptions = true, versionProvider = Prognos.Version.class,
        description = "Predictive maintenance: features, training, scoring service and at-risk reports.",
        subcommands = {DemoCommand.class, FeaturesCommand.class, TrainCommand.class, EvaluateCommand.class, ScoreCommand.class, ModelsCommand.class, KeysCommand.class, ReportCommand.class, ServeCommand.class, SimulateCommand.class, SynthCommand.class, NabCommand.class, CommandLine.HelpCommand.class})
public final class Prognos {
    /** The exit code of an error the user can mend: a bad option, a missing file, a bad config. */
    static final int USER_ERROR = 2;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Log more: the libraries' INFO lines (Jetty, Javalin, ND4J) and Prognos's DEBUG lines.")
    boolean verbose;

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT,
            description = "Log errors only, and draw no progress bars.")
    boolean quiet;

    public static void main(String[] args) {
        CliLogging.routeJavaUtilLogging();
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the launcher with the given streams; returns the exit code. Tests call this. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Prognos());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler(Prognos::usageError);
        cl.setExecutionStrategy(parsed -> {
            Verbosity.of(parsed).ifPresent(CliLogging::apply);
            return new CommandLine.RunLast().execute(parsed);
        });
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            Optional<String> message = userError(e);
            if (message.isEmpty()) {
                throw e;
            }
            cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + message.get());
            return USER_ERROR;
        });
        return cl.execute(args);
    }

    /** The one-line message of an error the user can mend; empty for a bug, which keeps its stack trace. */
    static Optional<String> userError(Exception e) {
        Throwable t = e instanceof UncheckedIOException u ? u.getCause() : e;
        if (t instanceof NoSuchFileException n) {
            return Optional.of("not found: " + FileProblems.absolute(Path.of(n.getFile())));
        }
        if (t instanceof PrognosException || t instanceof IOException) {
            return Optional.of(t.getMessage());
        }
        return Optional.empty();
    }

    /**
     * A bad command line: an unknown option is called unknown (with the closest valid one), before any complaint about
     * a required option, which a misspelt option would otherwise cause; then where help is.
     */
    private static int usageError(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        String name = cmd.getCommandSpec().qualifiedName();
        List<String> unmatched = e instanceof UnmatchedArgumentException u ? u.getUnmatched()
                : cmd.getParseResult() == null ? List.of() : cmd.getParseResult().unmatched();
        if (!unmatched.isEmpty()) {
            String arg = unmatched.get(0);
            if (arg.startsWith("-")) {
                String option = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                String hint = JsonErrors.closest(option, cmd.getCommandSpec().optionsMap().keySet())
                        .map(s -> "; did you mean " + s + "?").orElse("");
                err.println(name + ": unknown option " + option + hint);
            } else {
                err.println(name + ": unexpected argument '" + arg + "'");
            }
        } else {
            err.println(name + ": " + e.getMessage());
        }
        err.println("Try '" + name + " --help' for the options.");
        return USER_ERROR;
    }

    /** {@code --quiet} or {@code --verbose}, given anywhere on the command line (both: an error). */
    private static final class Verbosity {
        private Verbosity() {
        }

        static Optional<CliLogging.Verbosity> of(ParseResult parsed) {
            boolean quiet = false;
            boolean verbose = false;
            for (ParseResult p = parsed; p != null; p = p.subcommand()) {
                quiet |= p.hasMatchedOption("--quiet");
                verbose |= p.hasMatchedOption("--verbose");
            }
            if (quiet && verbose) {
                throw new ParameterException(parsed.commandSpec().commandLine(), "--quiet and --verbose cannot be used together");
            }
            return quiet ? Optional.of(CliLogging.Verbosity.QUIET) : verbose ? Optional.of(CliLogging.Verbosity.VERBOSE) : Optional.empty();
        }
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
