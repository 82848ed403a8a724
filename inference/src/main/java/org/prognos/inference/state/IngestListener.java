package org.prognos.inference.state;

import java.util.List;
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
}
