package org.prognos.benchmarks.mqtt;

import java.util.Arrays;

/**
 * What one step published and what came back, and the matching of the two. The publishing thread appends each message
 * (its asset, its last reading's time, its readings, when it was handed to the client); the monitor's thread appends
 * each answer (its asset, the reading time it answers, when it arrived). After the step, {@link #match()} pairs every
 * answer with the message it answers: the asset's message of the greatest reading time not after the answer's time
 * (the service scores just after an asset's last reading; the floor echoes the message itself).
 *
 * <p>A message of events only (sent after an asset's last reading of a lap) is published and counted but not expected
 * to be answered distinctly: its score has the time of the asset's previous message, and counts as a duplicate of it.
 */
final class StepLog {
    /** The time of a message without readings. */
    static final long NO_READINGS = Long.MIN_VALUE;

    private final int assets;
    private int published;
    private int[] pubAsset = new int[1024];
    private long[] pubTime = new long[1024];
    private int[] pubReadings = new int[1024];
    private long[] pubSent = new long[1024];

    private final Object lock = new Object();
    private int received;
    private int[] recAsset = new int[1024];
    private long[] recTime = new long[1024];
    private long[] recAt = new long[1024];
    private volatile int receivedCount;

    /** A log for a replay of {@code assets} assets. */
    StepLog(int assets) {
        this.assets = assets;
    }

    /** Records a message handed to the client at {@code sentNanos}. Publishing thread only. */
    void published(int asset, long time, int readings, long sentNanos) {
        if (published == pubAsset.length) {
            int n = published * 2;
            pubAsset = Arrays.copyOf(pubAsset, n);
            pubTime = Arrays.copyOf(pubTime, n);
            pubReadings = Arrays.copyOf(pubReadings, n);
            pubSent = Arrays.copyOf(pubSent, n);
        }
        pubAsset[published] = asset;
        pubTime[published] = readings == 0 ? NO_READINGS : time;
        pubReadings[published] = readings;
        pubSent[published] = sentNanos;
        published++;
    }

    /** Records an answer for {@code asset} at reading time {@code time}, arrived at {@code atNanos}. Any thread. */
    void received(int asset, long time, long atNanos) {
        synchronized (lock) {
            if (received == recAsset.length) {
                int n = received * 2;
                recAsset = Arrays.copyOf(recAsset, n);
                recTime = Arrays.copyOf(recTime, n);
                recAt = Arrays.copyOf(recAt, n);
            }
            recAsset[received] = asset;
            recTime[received] = time;
            recAt[received] = atNanos;
            received++;
            receivedCount = received;
        }
    }

    /** Answers received so far (duplicates and stale ones included). */
    int receivedCount() {
        return receivedCount;
    }

    /** Messages published that carry readings: the answers expected. */
    int expected() {
        int n = 0;
        for (int i = 0; i < published; i++) {
            n += pubReadings[i] > 0 ? 1 : 0;
        }
        return n;
    }

    /** Messages published. */
    int published() {
        return published;
    }

    /** When the last message was handed to the client ({@code Long.MIN_VALUE} before any). */
    long lastSent() {
        return published == 0 ? Long.MIN_VALUE : pubSent[published - 1];
    }

    /** When the first message was handed to the client ({@code Long.MIN_VALUE} before any). */
    long firstSent() {
        return published == 0 ? Long.MIN_VALUE : pubSent[0];
    }

    /** Pairs answers with messages. Call after the step, from the publishing thread. */
    Matched match() {
        int[][] byAsset = messagesByAsset();
        long[] firstAnswer = new long[published];
        Arrays.fill(firstAnswer, Long.MIN_VALUE);
        int duplicates = 0;
        int unmatched = 0;
        long lastAnswer = Long.MIN_VALUE;
        synchronized (lock) {
            for (int r = 0; r < received; r++) {
                int m = recAsset[r] < 0 || recAsset[r] >= assets ? -1 : find(byAsset[recAsset[r]], recTime[r]);
                if (m < 0) {
                    unmatched++;
                } else if (firstAnswer[m] != Long.MIN_VALUE) {
                    duplicates++;
                } else {
                    firstAnswer[m] = recAt[r];
                    lastAnswer = Math.max(lastAnswer, recAt[r]);
                }
            }
        }
        long[] latencies = new long[published];
        int unique = 0;
        long readings = 0;
        for (int m = 0; m < published; m++) {
            if (firstAnswer[m] != Long.MIN_VALUE) {
                latencies[unique++] = firstAnswer[m] - pubSent[m];
                readings += pubReadings[m];
            }
        }
        long[] sorted = Arrays.copyOf(latencies, unique);
        Arrays.sort(sorted);
        return new Matched(expected(), unique, duplicates, unmatched, readings, sorted, lastAnswer);
    }

    /** Per asset, the indices of its messages with readings, in publishing (= time) order. */
    private int[][] messagesByAsset() {
        int[] count = new int[assets];
        for (int i = 0; i < published; i++) {
            count[pubAsset[i]] += pubReadings[i] > 0 ? 1 : 0;
        }
        int[][] by = new int[assets][];
        for (int a = 0; a < assets; a++) {
            by[a] = new int[count[a]];
        }
        Arrays.fill(count, 0);
        for (int i = 0; i < published; i++) {
            if (pubReadings[i] > 0) {
                by[pubAsset[i]][count[pubAsset[i]]++] = i;
            }
        }
        return by;
    }

    /** The message of greatest time not after {@code time} among {@code messages}, or -1 (an answer from before the step). */
    private int find(int[] messages, long time) {
        int lo = 0;
        int hi = messages.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (pubTime[messages[mid]] <= time) {
                found = messages[mid];
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    /**
     * The matching's outcome.
     *
     * @param expected      messages with readings published
     * @param unique        of those, answered at least once
     * @param duplicates    answers beyond the first for a message (messages of events only answer this way)
     * @param unmatched     answers matching no message of the step (late ones of an earlier step, unparsable ones)
     * @param readings      readings in the answered messages
     * @param latencyNanos  first answer minus publish time of each answered message, ascending
     * @param lastAnswer    when the last first answer arrived ({@code Long.MIN_VALUE} if none)
     */
    record Matched(int expected, int unique, int duplicates, int unmatched, long readings, long[] latencyNanos, long lastAnswer) {
        Matched {
            latencyNanos = latencyNanos.clone();
        }

        /** Expected answers that never came. */
        int lost() {
            return expected - unique;
        }

        /** The {@code q} quantile of the latency in ms (nearest rank), NaN without answers. */
        double latencyMs(double q) {
            if (latencyNanos.length == 0) {
                return Double.NaN;
            }
            int rank = (int) Math.ceil(q * latencyNanos.length);
            return latencyNanos[Math.max(0, Math.min(latencyNanos.length - 1, rank - 1))] / 1e6;
        }
    }
}
