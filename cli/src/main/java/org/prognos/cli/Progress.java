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
        this.bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setUnit(" " + unit, 1)
                .showSpeed()
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .setConsumer(new ConsoleProgressBarConsumer(stream))
                .build();
    }

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
