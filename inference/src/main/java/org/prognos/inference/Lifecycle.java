package org.prognos.inference;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether the service takes traffic. It is ready once its models are loaded, and stops being ready when a
 * shutdown begins, so a load balancer polling {@code /health/ready} moves traffic away while in-flight requests
 * drain.
 */
public final class Lifecycle {
    private final AtomicBoolean draining = new AtomicBoolean();

    /** Whether the service takes new traffic. */
    public boolean ready() {
        return !draining.get();
    }

    /** Marks the start of a shutdown; returns false if one had already begun. */
    public boolean beginDrain() {
        return draining.compareAndSet(false, true);
    }
}
