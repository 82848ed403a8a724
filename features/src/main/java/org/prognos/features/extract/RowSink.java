package org.prognos.features.extract;

/**
 * Receives emitted feature rows. {@code values} is indexed like {@link FeatureExtractor#columns()} and is
 * reused by the caller: copy it to keep it. Rows of one asset arrive in time order.
 */
@FunctionalInterface
public interface RowSink {
    void row(String asset, long time, double[] values);

    /** A sink that drops every row. */
    static RowSink discard() {
        return (asset, time, values) -> { };
    }
}
