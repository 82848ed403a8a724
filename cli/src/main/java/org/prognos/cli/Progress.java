package org.prognos.cli;

import java.io.Closeable;
import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar on standard error for long work (total may be unknown: -1). */
final class Progress implements Closeable {
    private final ProgressBar bar;

    Progress(String task, long total, String unit, PrintStream stream) {
        this(task, total, unit, stream, true);
    }

    /** A bar without the speed (units per second), for units slower than that (epochs). */
    static Progress withoutSpeed(String task, long total, String unit, PrintStream stream) {
        return new Progress(task, total, unit, stream, false);
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
        bar.stepTo(n);
    }

    /** Changes the total (the bar's ETA follows it). */
    void maxHint(long total) {
        bar.maxHint(total);
    }

    /** Text shown after the bar (e.g. the latest loss). */
    void message(String text) {
        bar.setExtraMessage(text);
    }

    @Override
    public void close() {
        bar.close();
    }
}
