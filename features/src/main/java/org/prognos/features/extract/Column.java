package org.prognos.features.extract;

/**
 * One feature column, compiled from a spec's feature group: reads an {@link AssetState} at an emitted row.
 * Implementations are small and immutable; state lives in the asset state, never here.
 */
interface Column {
    /** The column's value for {@code state} at a row at time {@code rowTime}. */
    double value(AssetState state, long rowTime);
}
