package org.prognos.inference.drift;

/**
 * The last {@code capacity} input vectors of one model, oldest overwritten first. Recording copies one vector into
 * a flat array allocated once (capacity × width doubles) under the window's own lock: O(width), no allocation, and
 * no lock shared with other models. Thread-safe.
 */
public final class DriftWindow {
    private final int capacity;
    private final int width;
    private final double[] values;
    private long recorded;

    /**
     * An empty window.
     *
     * @param capacity vectors kept
     * @param width    features per vector
     */
    public DriftWindow(int capacity, int width) {
        if (capacity < 1 || width < 1) {
            throw new IllegalArgumentException("a drift window needs a capacity and a width of at least 1, found "
                    + capacity + " and " + width);
        }
        this.capacity = capacity;
        this.width = width;
        this.values = new double[Math.multiplyExact(capacity, width)];
    }

    /**
     * Records one vector (its first {@code width} values; a vector of another width is ignored, as it cannot be the
     * model's input).
     */
    public void record(double[] vector) {
        if (vector.length != width) {
            return;
        }
        synchronized (this) {
            System.arraycopy(vector, 0, values, (int) (recorded % capacity) * width, width);
            recorded++;
        }
    }

    /** The vectors held now, oldest first: a copy. */
    public double[][] snapshot() {
        synchronized (this) {
            int n = (int) Math.min(recorded, capacity);
            int start = recorded <= capacity ? 0 : (int) (recorded % capacity);
            double[][] out = new double[n][width];
            for (int i = 0; i < n; i++) {
                System.arraycopy(values, ((start + i) % capacity) * width, out[i], 0, width);
            }
            return out;
        }
    }

    /** Vectors recorded since the window was made (not only those still held). */
    public synchronized long recorded() {
        return recorded;
    }

    /** The most vectors held. */
    public int capacity() {
        return capacity;
    }
}
