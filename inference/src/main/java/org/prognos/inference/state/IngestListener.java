package org.prognos.inference.state;

import java.util.List;
import java.util.Objects;
import java.util.function.LongFunction;
import org.prognos.inference.store.StateDb;

/**
 * Sees the assets scored by each commit of readings, before the commit is written, and may add its own records to
 * the same atomic batch (alerts do: an alert opened by a reading is durable exactly when the reading is).
 */
@FunctionalInterface
public interface IngestListener {
    /**
     * Observes one commit's scores and adds records to its batch; no I/O here.
     *
     * @return what to run once the batch is durable (say, hand alerts to their deliveries)
     */
    Runnable scored(List<AssetScore> scores, StateDb.Batch batch);

    /**
     * Sees that an asset's state was deleted or reset by an admin, and adds its records to the same batch (alerts close
     * the asset's open alert and forget its trackers); no I/O here. Nothing by default.
     *
     * @param asset  the asset's id ({@link org.prognos.inference.tenant.AssetKey#id()})
     * @param format how the asset's model formats a time (plain numbers when it is not served)
     * @return what to run once the batch is durable, or null
     */
    default Runnable cleared(String asset, LongFunction<String> format, StateDb.Batch batch) {
        return null;
    }

    /**
     * One listener for several: each sees every commit and every clearing, in the order given, and their follow-ups run
     * in that order once the batch is durable.
     */
    static IngestListener all(List<IngestListener> listeners) {
        List<IngestListener> each = List.copyOf(listeners);
        return new IngestListener() {
            @Override
            public Runnable scored(List<AssetScore> scores, StateDb.Batch batch) {
                return sequence(each.stream().map(l -> l.scored(scores, batch)).toList());
            }

            @Override
            public Runnable cleared(String asset, LongFunction<String> format, StateDb.Batch batch) {
                return sequence(each.stream().map(l -> l.cleared(asset, format, batch)).toList());
            }
        };
    }

    private static Runnable sequence(List<Runnable> followUps) {
        return () -> followUps.stream().filter(Objects::nonNull).forEach(Runnable::run);
    }
}
