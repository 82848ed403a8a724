/**
 * The {@code prognos} launcher ({@link org.prognos.cli.Prognos}), one picocli command per job: {@code demo} (the whole
 * product on the bundled data), {@code features}, {@code train}, {@code evaluate}, {@code models}, {@code keys} (the key pairs that sign model
 * bundles; {@code --trust} on the commands that load one), {@code report},
 * {@code serve}, {@code simulate} (a dataset replayed as devices publishing over MQTT; its work is in
 * {@code org.prognos.cli.simulate}) and {@code synth}. A command parses options, reads files and prints; the work itself
 * is done by the library modules it calls (features, training, the model runtime, the service), so every command runs
 * the same code a Java program against those modules would. Results go to standard output, logs to standard error
 * through one backend ({@link org.prognos.cli.CliLogging}: Logback, with java.util.logging and System.Logger routed
 * in; {@code --verbose}, {@code --quiet}). Errors the user can mend ({@link org.prognos.PrognosException}s, I/O errors,
 * a bad command line) are printed as one line naming the whole command ({@code prognos models show: ...}), with exit
 * code 2; {@link org.prognos.cli.Progress} draws progress, with its total, only on a terminal.
 */
package org.prognos.cli;
