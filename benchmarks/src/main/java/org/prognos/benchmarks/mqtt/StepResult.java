package org.prognos.benchmarks.mqtt;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One step of a ladder: a fixed rate of readings for a fixed time, then a drain; printed as one JSON line. The step
 * {@link #ok() kept up} when nothing was lost or rejected, the driver held at least {@value #HELD_SHARE} of the rate,
 * the p99 latency stayed under {@value #MAX_P99_MS} ms and the last answer came within {@value #MAX_BEHIND_SECONDS} s
 * of the last message.
 *
 * @param type          {@code "step"}
 * @param system        the system under test ({@code prognos-durable}, {@code prognos-memory}, {@code floor})
 * @param round         the round's label
 * @param kind          {@code warmup}, {@code step}, {@code refine} (between the last good and the first bad rate) or
 *                      {@code half} (half the highest good rate: the latency target's point)
 * @param batch         readings per message
 * @param rate          the rate asked for, readings a second
 * @param seconds       how long the driver published
 * @param published     what it published
 * @param scores        what came back
 * @param latencyMs     publish (hand-over to the client) to arrival at the monitor, of each answered message's first
 *                      answer
 * @param scoredReadingsPerSecond readings answered, over the time from the first message to the last answer
 * @param behindSeconds last answer minus last message sent
 * @param drainSeconds  how long the driver waited for answers after publishing
 * @param brokerDropped messages the broker dropped during the step ({@code $SYS}; about one second late)
 * @param cpuSeconds    CPU time used during the step (publishing and draining)
 * @param targetRssMb   the system under test's resident memory after the step
 * @param loadAverage   the one-minute load average after the step
 * @param ok            whether the step kept up
 * @param why           why not, when it did not
 */
public record StepResult(String type, String system, String round, String kind, int batch, double rate, double seconds,
                         Published published, Scores scores, Latency latencyMs, double scoredReadingsPerSecond,
                         double behindSeconds, double drainSeconds, long brokerDropped, Cpu cpuSeconds, Double targetRssMb,
                         double loadAverage, boolean ok, List<String> why) {
    /** The share of the asked rate the driver must hold. */
    public static final double HELD_SHARE = 0.95;
    /** Above this p99 a system is behind, not just slow. */
    public static final double MAX_P99_MS = 1000;
    /** The last answer must come this soon after the last message. */
    public static final double MAX_BEHIND_SECONDS = 1.0;

    public StepResult {
        why = List.copyOf(why);
    }

    /**
     * Whether the system may still be behind or broken after the drain (answers missing, rejected or dropped), so that
     * the next step needs a fresh rig; a step that was only slow has caught up by then.
     */
    public boolean leftBacklog() {
        return scores.lost() > 0 || scores.deadLetters() > 0 || brokerDropped > 0;
    }

    /** CPU time per reading published, in microseconds, of each process. */
    @JsonProperty("cpuMicrosPerReading")
    public Cpu cpuMicrosPerReading() {
        double n = Math.max(1, published.readings()) / 1e6;
        return new Cpu(cpuSeconds.target() / n, cpuSeconds.broker() / n, cpuSeconds.driver() / n);
    }

    /**
     * What the driver published.
     *
     * @param messages  messages handed to the client and acknowledged by the broker
     * @param readings  readings in them
     * @param perSecond readings a second achieved
     * @param maxLagMs  most a message was sent after it was due (the broker holding the driver back, or the CPU)
     */
    public record Published(long messages, long readings, double perSecond, double maxLagMs) {
    }

    /**
     * What came back on the score topic.
     *
     * @param expected    messages with readings published (one score each)
     * @param received    of those, answered (unique (asset, time))
     * @param duplicates  answers beyond the first for a message
     * @param unmatched   answers matching no message of the step (late ones of an earlier step, unparsable ones)
     * @param lost        expected minus received, after the drain
     * @param deadLetters messages the service rejected (its dead-letter topic)
     */
    public record Scores(long expected, long received, long duplicates, long unmatched, long lost, long deadLetters) {
    }

    /**
     * End-to-end latency in milliseconds (nearest rank), NaN without answers.
     *
     * @param p50 median
     * @param p99 99th percentile
     * @param max maximum
     */
    public record Latency(double p50, double p99, double max) {
    }

    /**
     * CPU seconds used by each process during the step.
     *
     * @param target the system under test
     * @param broker Mosquitto
     * @param driver this driver (publisher and monitor)
     */
    public record Cpu(double target, double broker, double driver) {
        Cpu minus(Cpu before) {
            return new Cpu(target - before.target, broker - before.broker, driver - before.driver);
        }
    }
}
