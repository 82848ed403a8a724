package org.prognos.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * One run of the {@code prognos} launcher in this JVM ({@link Prognos#run}), its standard output and error captured:
 * what the command tests read. The one in-process runner of this module's tests.
 *
 * @param code the exit code
 * @param out  what the command wrote to standard output
 * @param err  what it wrote to standard error
 */
public record CliRun(int code, String out, String err) {
    /** Runs {@code prognos args…} and captures what it writes. */
    public static CliRun run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Prognos.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRun(code, out.toString(), err.toString());
    }

    /** Runs {@code prognos command args…}. */
    public static CliRun command(String command, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = command;
        System.arraycopy(args, 0, all, 1, args.length);
        return run(all);
    }
}
