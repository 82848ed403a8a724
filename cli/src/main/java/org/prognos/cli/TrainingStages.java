package org.prognos.cli;

import java.io.Closeable;
import java.io.PrintStream;

/**
 * Progress of a training job, from the lines it logs: its stages (split, rows, training, trained, test, published)
 * each start with a known word, so the bar has a total of six steps and moves as each line arrives. Shared by
 * {@code prognos train} and {@code prognos demo}.
 */
final class TrainingStages implements Closeable {
    /** How the job's log line of each stage begins, in order. */
    private static final String[] STAGES = {"split", "rows:", "training", "trained", "test ", "published"};

    private final Progress bar;
    private int done;

    private TrainingStages(Progress bar) {
        this.bar = bar;
    }

    /** Stages of a job named {@code task}, drawn on {@code stream} when it is a terminal. */
    static TrainingStages onTerminal(String task, PrintStream stream) {
        return new TrainingStages(Progress.withoutSpeed(task, STAGES.length, "steps", stream));
    }

    /** A line the job logged: moves the bar past the stage it starts, if any. */
    void logged(String line) {
        for (int i = done; i < STAGES.length; i++) {
            if (line.startsWith(STAGES[i])) {
                done = i + 1;
                bar.stepTo(done);
            }
        }
    }

    /** The job finished: every stage done. */
    void done() {
        bar.stepTo(STAGES.length);
    }

    @Override
    public void close() {
        bar.close();
    }
}
