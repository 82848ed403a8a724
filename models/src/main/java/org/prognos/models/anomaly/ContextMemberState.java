package org.prognos.models.anomaly;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.prognos.PrognosException;
import org.prognos.models.anomaly.context.ContextRange;
import org.prognos.models.anomaly.context.ContextSettings;
import org.prognos.models.anomaly.context.ForgettingContextScorer;

/**
 * One asset's {@link ContextMember}: the values it is learning its range from, then its {@link ForgettingContextScorer};
 * the part of an {@link AdaptiveScorer} that exists only when the settings have a member, with its share of the
 * scorer's snapshot and bytes. A learned range: at its last learning value the scorer starts on the learned range and
 * is fed every learning value. A declared range: the scorer runs from the first value, its scores 0 for the learning
 * values. Either way, as {@link ContextMember} says. Not thread-safe, as its scorer.
 */
final class ContextMemberState {
    /**
     * Bytes one remembered context holds on the heap, its share of the semi-contexts, tables and fact lists included
     * (the ring apart): measured with JOL (memory 2000, margin 0.5, NAB's learning period; {@code
     * benchmarks/nab/context/ForgettingMemorySize.java}) at each file's peak, 99 on machine temperature (3,696
     * contexts), 75 on nyc_taxi, 83 on Twitter_volume_AAPL, 43 on art_noisy (17,263 contexts), and at most 167 along
     * the files (every 250 rows from 100 contexts on: Twitter_volume_AAPL's first contexts, where the detectors' fixed
     * part weighs most); rounded up to that largest.
     */
    static final int CONTEXT_BYTES = 180;

    private final ContextMember member;
    private final int column;                  // the index of the column it reads
    private final ContextSettings settings;
    private double[] learning;                 // its first values, while it learns a range; null once it has learned
    private int learnt;                        // how many of them it has
    private ForgettingContextScorer context;   // its scorer, once it has learned; null before

    ContextMemberState(ContextMember member, List<String> columns) {
        this.member = member;
        this.column = member.columnIn(columns);
        this.settings = ContextSettings.forLearningPeriod(member.learning());
        this.learning = member.range().isPresent() ? null : new double[member.learning()];
        // a declared range needs no learning values: the scorer starts on it with the first one
        this.context = member.range().map(r -> ForgettingContextScorer.givenRange(r, member.memory(), settings)).orElse(null);
    }

    /**
     * The member's score of {@code row}'s value (0 while it learns, or for a value that is not finite); the member
     * learns from the value.
     */
    double next(double[] row) {
        double value = row[column];
        if (!Double.isFinite(value)) {
            return 0;
        }
        if (context != null) {
            double score = context.next(value);
            return context.rowsSeen() <= member.learning() ? 0 : score;
        }
        learning[learnt++] = value;
        if (learnt == learning.length) {
            context = ForgettingContextScorer.learnedFrom(learning, learnt, member.margin(), member.memory(),
                    member.rule());
            for (double v : learning) {
                context.next(v);
            }
            learning = null;
        }
        return 0;
    }

    /** The adaptive {@code score} blended with the member's {@code contextual} one ({@link ContextBlend#corroborated}). */
    double blend(double score, double likelihood, double contextual, double alarmLevel) {
        return ContextBlend.corroborated(score, likelihood, contextual, settings.threshold(), alarmLevel);
    }

    /**
     * The member's part of a snapshot: the values learned so far while it learns a range (a declared one has none to
     * learn); then its scorer's {@link ForgettingContextScorer.Remembered} state (range, extremes, rows, counters), from
     * which {@link #read} replays.
     */
    void write(DataOutputStream out) throws IOException {
        out.writeBoolean(context != null);
        if (context == null) {
            out.writeInt(learnt);
            AdaptiveScorer.writeDoubles(out, Arrays.copyOf(learning, learnt));
            return;
        }
        ForgettingContextScorer.Remembered m = context.remembered();
        AdaptiveScorer.writeDoubles(out, new double[] {m.range().min(), m.range().max(), m.seenMin(), m.seenMax()});
        double[] rows = m.rows();
        out.writeInt(rows.length);
        AdaptiveScorer.writeDoubles(out, rows);
        out.writeInt(m.youngerRows());
        out.writeLong(m.seen());
        out.writeInt(m.rebuilds());
    }

    /** Reads what {@link #write} wrote into this fresh state. */
    void read(DataInputStream in) throws IOException {
        boolean started = in.readBoolean();
        if (!started && learning == null) {
            throw new PrognosException("the adaptive scorer snapshot's contextual member is still learning its range,"
                    + " which these settings declare");
        }
        if (!started) {
            learnt = in.readInt();
            if (learnt < 0 || learnt >= learning.length) {
                throw new PrognosException("the adaptive scorer snapshot's contextual member has learned " + learnt
                        + " values of " + learning.length);
            }
            System.arraycopy(AdaptiveScorer.readDoubles(in, learnt), 0, learning, 0, learnt);
            return;
        }
        double[] bounds = AdaptiveScorer.readDoubles(in, 4);
        int n = in.readInt();
        if (n < 0 || n > 2 * member.memory()) {
            throw new PrognosException("the adaptive scorer snapshot's contextual member holds " + n + " rows");
        }
        double[] rows = AdaptiveScorer.readDoubles(in, n);
        int youngerRows = in.readInt();
        long seen = in.readLong();
        int rebuilds = in.readInt();
        context = ForgettingContextScorer.restored(new ForgettingContextScorer.Remembered(
                new ContextRange(bounds[0], bounds[1]), bounds[2], bounds[3], rows, youngerRows, seen, rebuilds),
                member.margin(), member.memory(), member.rule(), settings);
        learnt = member.learning();
        learning = null;
    }

    /**
     * The member's bytes: its learning buffer (8 a value) while it learns, then its ring (16 a row of memory) and its
     * contexts now ({@value #CONTEXT_BYTES} bytes each).
     */
    long estimatedBytes() {
        return context == null ? 8L * member.learning() : 16L * member.memory() + contextBytes();
    }

    /** The share of {@link #estimatedBytes()} a snapshot does not write: the contexts, which restore replays. */
    long contextBytes() {
        return context == null ? 0 : (long) CONTEXT_BYTES * context.contexts();
    }
}
