package org.prognos.cli;

import java.io.Closeable;
import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar on standard error for long work (total may be unknown: -1). */
final class Progress implements Closeable {
    /** Null when nothing is drawn ({@link #onTerminal} without a terminal). */
    private final ProgressBar bar;

    Progress(String task, long total, String unit, PrintStream stream) {
        this(task, total, unit, stream, true);
    }

    /** A bar without the speed (units per second), for units slower than that (epochs). */
    static Progress withoutSpeed(String task, long total, String unit, PrintStream stream) {
        return new Progress(task, total, unit, stream, false);
    }

    /**
     * A bar drawn only when the JVM has a console, so nothing is drawn into a redirected file, a pipe or a test's
     * stream ({@code System.console()} is null unless standard input and output are a terminal).
     */
    static Progress onTerminal(String task, long total, String unit, PrintStream stream) {
        return System.console() != null ? new Progress(task, total, unit, stream, true) : new Progress();
    }

    private Progress() {
        this.bar = null;
    }

    private Progress(String task, long total, String unit, PrintStream stream, boolean speed) {
        ProgressBarBuilder b = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setUnit(" " + unit, 1)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .setConsumer(System.console() != null ? new ConsoleProgressBarConsumer(stream)
                        : new ConsoleProgressBarConsumer(stream, MAX_WIDTH));
        this.bar = (speed ? b.showSpeed() : b).build();
    }

    /** Characters the bar may take when the terminal's width is unknown (output not a terminal). */
    private static final int MAX_WIDTH = 150;

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
