package org.prognos.inference.alerts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.prognos.live.alert.AlertTransition;
import org.prognos.live.alert.DataTime;
import org.prognos.live.alert.Direction;
import org.prognos.live.alert.Driver;
import org.prognos.live.alert.Observation;
import org.prognos.live.alert.Outlook;

/** Failure-probability scores for the alert tests (threshold 0.3), and a wait for what worker threads do. */
public final class Scores {
    /** The alarm threshold of the scores. */
    public static final double THRESHOLD = 0.3;
    /** Longest wait for a delivery: far above what it takes, so a slow machine does not fail a test. */
    static final Duration PATIENCE = Duration.ofSeconds(20);

    private Scores() {
    }

    /** A score of {@code asset} by {@code pump-24h} at hour {@code tick}. */
    public static Observation risk(String asset, long tick, double value) {
        return new Observation(asset, "pump-24h", 2, new DataTime(tick, String.format("2015-12-%02d %02d:00:00", 1 + tick / 24,
                tick % 24)), value, THRESHOLD, Direction.HIGH_IS_BAD, Optional.of("comp2"),
                List.of(new Driver("vib_mean_3h", "vibration, 3 h mean", 0.12),
                        new Driver("since_maint_comp2", "days since comp2 replaced", 0.05)),
                new Outlook.Failure("24h", value, Map.of("comp2", value)));
    }

    /** Feeds {@code values} at hours {@code from}, {@code from + 1}, …, applying each transition; answers them. */
    public static List<AlertTransition> feed(AlertService alerts, String asset, long from, double... values) {
        List<AlertTransition> all = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            List<AlertTransition> t = alerts.observe(risk(asset, from + i, values[i]));
            alerts.apply(t);
            all.addAll(t);
        }
        return all;
    }

    /** Waits until {@code done} holds, failing after {@link #PATIENCE}. */
    public static void await(String what, BooleanSupplier done) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting: " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting: " + what, e);
            }
        }
    }
}
