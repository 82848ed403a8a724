package org.prognos.inference;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Whether the service takes traffic. It is ready once its models are loaded and its state recovered (the listener
 * only opens then), and stops being ready when a shutdown begins, so a load balancer polling {@code /health/ready}
 * moves traffic away while in-flight requests drain. Capacity checks added with {@link #watch} (the HTTP worker
 * pool's queue) make it unready while they report a shortage, and ready again when it clears.
 */
public final class Lifecycle {
    private final AtomicBoolean draining = new AtomicBoolean();
    private final List<Supplier<Optional<String>>> checks = new CopyOnWriteArrayList<>();

    /** Whether the service takes new traffic. */
    public boolean ready() {
        return unavailable().isEmpty();
    }

    /** Why the service takes no new traffic now (shutting down, or a capacity check's reason); empty when ready. */
    public Optional<String> unavailable() {
        if (draining.get()) {
            return Optional.of("the service is shutting down and drains in-flight requests");
        }
        for (Supplier<Optional<String>> check : checks) {
            Optional<String> shortage = check.get();
            if (shortage.isPresent()) {
                return shortage;
            }
        }
        return Optional.empty();
    }

    /** Adds a capacity check: a reason while the service cannot take more work, else empty. */
    public void watch(Supplier<Optional<String>> check) {
        checks.add(check);
    }

    /** Marks the start of a shutdown; returns false if one had already begun. */
    public boolean beginDrain() {
        return draining.compareAndSet(false, true);
    }
}
