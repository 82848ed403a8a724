package org.prognos.inference.alerts;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.prognos.inference.metrics.ServiceMetrics;
import org.prognos.inference.store.StateDb;
import org.prognos.inference.store.StateDb.Family;

/**
 * Delivers the outbox's events. Events are grouped in lanes, one per destination and asset; a lane sends one event at
 * a time, in key order (the order the events happened), and the next only once the one before is delivered or
 * dead-lettered, so a retained MQTT message never goes back to an older state of the asset's alert. Lanes run on a
 * small pool of worker threads; a destination that is down holds up only its own lanes.
 *
 * <p>Each attempt's result is written to the records: delivered or dead, the entry leaves the outbox and its status
 * says so; failed, the entry's attempt count goes up (so a restart continues the count) and the next attempt is
 * scheduled after the destination's backoff. These writes are not synced: after a power cut an event may be sent
 * again, which at-least-once delivery allows.
 */
final class Outbox {
    private static final System.Logger LOG = System.getLogger(Outbox.class.getName());

    /** A lane's events by key, and whether a worker holds the lane. */
    private static final class Lane {
        final String name;
        final TreeMap<String, Waiting> events = new TreeMap<>();
        boolean busy;

        Lane(String name) {
            this.name = name;
        }
    }

    /** An entry and when this process got it, for the delivery latency. */
    private record Waiting(OutboxEntry entry, long sinceNanos) {
    }

    private final Records records;
    private final Map<String, AlertDestination> destinations;
    private final ServiceMetrics metrics;
    private final Clock clock;
    private final ScheduledThreadPoolExecutor workers;
    private final Map<String, Lane> lanes = new HashMap<>();   // guarded by this
    private final AtomicInteger pending = new AtomicInteger();
    private final Object writes = new Object();
    private boolean closed;   // guarded by writes

    Outbox(Records records, List<AlertDestination> destinations, ServiceMetrics metrics, Clock clock, int threads) {
        this.records = records;
        this.destinations = new HashMap<>();
        for (AlertDestination d : destinations) {
            if (this.destinations.put(d.name(), d) != null) {
                throw new IllegalArgumentException("two alert destinations are named '" + d.name() + "'");
            }
        }
        this.metrics = metrics;
        this.clock = clock;
        AtomicInteger n = new AtomicInteger();
        this.workers = new ScheduledThreadPoolExecutor(threads, r -> {
            Thread t = new Thread(r, "prognos-alert-delivery-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        workers.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        workers.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        workers.setRemoveOnCancelPolicy(true);
    }

    /** The destinations by name. */
    Collection<AlertDestination> destinations() {
        return destinations.values();
    }

    /** Events waiting in this process. */
    int pending() {
        return pending.get();
    }

    /** Queues {@code entries} (already in the records) for delivery; one already queued is not queued twice. */
    void submit(Collection<OutboxEntry> entries) {
        long now = System.nanoTime();
        synchronized (this) {
            for (OutboxEntry e : entries) {
                Lane lane = lanes.computeIfAbsent(e.lane(), Lane::new);
                if (lane.events.putIfAbsent(e.key(), new Waiting(e, now)) == null) {
                    pending.incrementAndGet();
                }
                if (!lane.busy) {
                    lane.busy = true;
                    schedule(lane, Duration.ZERO);
                }
            }
        }
        metrics.alertDeliveriesPending(pending.get());
    }

    private void schedule(Lane lane, Duration delay) {
        try {
            workers.schedule(() -> attempt(lane), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closing: the lane's events stay in the records for the next start
        }
    }

    private void attempt(Lane lane) {
        Waiting head;
        synchronized (this) {
            Map.Entry<String, Waiting> first = lane.events.firstEntry();
            if (first == null) {
                lane.busy = false;
                lanes.remove(lane.name);
                return;
            }
            head = first.getValue();
        }
        OutboxEntry e = head.entry();
        AlertDestination d = destinations.get(e.destination());
        Optional<String> failure = d == null
                ? Optional.of("no destination named '" + e.destination() + "' is configured any more")
                : send(d, e);
        if (isClosed()) {
            return;   // an attempt cut short by close counts for nothing; the entry stays for the next start
        }
        try {
            if (failure.isEmpty()) {
                finish(lane, head, DeliveryStatus.Outcome.DELIVERED, Optional.empty());
                metrics.alertDelivered(e.destination(), System.nanoTime() - head.sinceNanos());
            } else if (d == null || e.attempts() + 1 >= d.retry().maxAttempts()) {
                finish(lane, head, DeliveryStatus.Outcome.DEAD, failure);
                metrics.alertDead(e.destination());
                LOG.log(Level.WARNING, "alert {0} ({1}) dead-lettered for {2} after {3} attempts: {4}", e.message().alertId(),
                        e.message().event().label(), e.destination(), e.attempts() + 1, failure.get());
            } else {
                retry(lane, head, d, failure.get());
                metrics.alertRetried(e.destination());
            }
        } catch (RuntimeException ex) {
            LOG.log(Level.ERROR, "cannot record the delivery of alert " + e.message().alertId() + " to " + e.destination()
                    + "; trying again later", ex);
            schedule(lane, d == null ? Duration.ofMinutes(1) : d.retry().maxBackoff());
        }
    }

    private static Optional<String> send(AlertDestination d, OutboxEntry e) {
        try {
            d.deliver(e.message(), e.attempts() + 1);
            return Optional.empty();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        } catch (Exception ex) {
            String m = ex.getMessage();
            return Optional.of(ex.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m));
        }
    }

    /** The entry leaves the outbox with its final status; the lane moves on. */
    private void finish(Lane lane, Waiting head, DeliveryStatus.Outcome outcome, Optional<String> error) {
        OutboxEntry e = head.entry();
        DeliveryStatus status = new DeliveryStatus(e.destination(), e.message().event(), outcome, e.attempts() + 1,
                now(), error);
        boolean written = write(batch -> {
            batch.delete(Family.OUTBOX, AlertKeys.key(e.key()));
            batch.put(Family.ALERTS, AlertKeys.delivery(e.message().alertId(), e.message().event(), e.destination()),
                    RecordCodec.encode(status));
        });
        if (!written) {
            return;
        }
        synchronized (this) {
            lane.events.remove(e.key());
            pending.decrementAndGet();
        }
        metrics.alertDeliveriesPending(pending.get());
        schedule(lane, Duration.ZERO);
    }

    /** The entry stays, one attempt older; the lane waits for the backoff. */
    private void retry(Lane lane, Waiting head, AlertDestination d, String error) {
        OutboxEntry next = head.entry().failedOnce();
        DeliveryStatus status = new DeliveryStatus(next.destination(), next.message().event(), DeliveryStatus.Outcome.PENDING,
                next.attempts(), now(), Optional.of(error));
        boolean written = write(batch -> {
            batch.put(Family.OUTBOX, AlertKeys.key(next.key()), RecordCodec.encode(next));
            batch.put(Family.ALERTS, AlertKeys.delivery(next.message().alertId(), next.message().event(), next.destination()),
                    RecordCodec.encode(status));
        });
        if (!written) {
            return;
        }
        synchronized (this) {
            lane.events.put(next.key(), new Waiting(next, head.sinceNanos()));
        }
        schedule(lane, d.retry().delay(next.attempts(), ThreadLocalRandom.current()));
    }

    private boolean write(StateDb.BatchFill fill) {
        synchronized (writes) {
            if (closed) {
                return false;
            }
            records.write(fill, false);
            return true;
        }
    }

    private boolean isClosed() {
        synchronized (writes) {
            return closed;
        }
    }

    private Instant now() {
        return clock.instant();
    }

    /**
     * Stops: no new attempt starts, attempts under way get up to {@code wait} to finish, then are interrupted; after
     * this returns nothing is written. Undelivered events stay in the records for the next start.
     */
    void close(Duration wait) {
        workers.shutdown();
        try {
            workers.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (writes) {
            closed = true;   // from here on an attempt still under way records nothing
        }
        workers.shutdownNow();
    }
}
