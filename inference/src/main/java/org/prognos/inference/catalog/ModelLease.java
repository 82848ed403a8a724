package org.prognos.inference.catalog;

/**
 * A request's hold on a {@link ServedModel}: the model stays open until the lease is closed, even if a reload
 * replaces it meanwhile. Use with try-with-resources.
 */
public final class ModelLease implements AutoCloseable {
    private final ServedModel model;
    private boolean closed;

    ModelLease(ServedModel model) {
        this.model = model;
    }

    /** The leased model. */
    public ServedModel model() {
        return model;
    }

    /** Releases the hold (once). */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            model.release();
        }
    }
}
