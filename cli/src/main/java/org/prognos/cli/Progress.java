package org.prognos.cli;

import java.io.Closeable;
import java.io.IOException;
import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.prognos.features.telemetry.TelemetrySource;
import org.slf4j.LoggerFactory;

/**
 * A progress bar on standard error for long work, drawn only where someone watches: when the JVM has a console
 * ({@code System.console()} is null when output is redirected to a file or a pipe, or in a test) and the log level
 * shows Prognos's INFO lines ({@code --quiet} hides it). Otherwise nothing is drawn; the command's result lines say
 * what was done. A bar is given its total up front, so it shows a fraction and an ETA rather than {@code 0/?}.
 */
final class Progress implements Closeable {
    /** The logger whose level decides whether a bar is drawn: {@code --quiet} raises it to ERROR. */
    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(Progress.class);

    /** Null when nothing is drawn. */
    private final ProgressBar bar;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    /** A bar of {@code total} units (with the speed in units per second), drawn only on a terminal. */
    static Progress onTerminal(String task, long total, String unit, PrintStream stream) {
        return new Progress(drawn() ? builder(task, total, unit, stream).showSpeed().build() : null);
    }

    /** A bar without the speed, for units slower than one a second (epochs); drawn only on a terminal. */
    static Progress withoutSpeed(String task, long total, String unit, PrintStream stream) {
        return new Progress(drawn() ? builder(task, total, unit, stream).build() : null);
    }

    /**
     * A bar over the readings of {@code data}, which are counted first (one quick pass) when, and only when, the bar
     * is drawn: the extraction streams them without knowing how many there are.
     */
    static Progress overReadings(String task, TelemetrySource data, PrintStream stream) throws IOException {
        if (!drawn()) {
            return new Progress(null);
        }
        long[] n = {0};
        data.forEach((asset, time, values) -> n[0]++);
        return onTerminal(task, Math.max(1, n[0]), "readings", stream);
    }

    /** No bar: for work with nothing to count (reading scans another job took). */
    static Progress none() {
        return new Progress(null);
    }

    /** Whether bars are drawn in this JVM: a terminal, and not {@code --quiet}. */
    static boolean drawn() {
        return System.console() != null && LOG.isInfoEnabled();
    }

    private static ProgressBarBuilder builder(String task, long total, String unit, PrintStream stream) {
        return new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(Math.max(1, total))
                .setUnit(" " + unit, 1)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .setConsumer(new ConsoleProgressBarConsumer(stream));
    }

    void stepTo(long n) {
        if (bar != null) {
            bar.stepTo(n);
        }
    }

    /** Changes the total (the bar's ETA follows it). */
    void maxHint(long total) {
        if (bar != null) {
            bar.maxHint(total);
        }
    }

    /** Text shown after the bar (e.g. the latest loss). */
    void message(String text) {
        if (bar != null) {
            bar.setExtraMessage(text);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
