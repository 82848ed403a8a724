/**
 * Readers that turn files into the {@code telemetry} data model, streaming, with errors that name the file,
 * the 1-based line and column, and what was expected there.
 *
 * <p>Telemetry sources: {@link org.prognos.features.io.WideCsvSource} (a column per channel),
 * {@link org.prognos.features.io.LongCsvSource} (a row per value), {@link org.prognos.features.io.CmapssSource}
 * (NASA turbofan text files) and {@link org.prognos.features.io.ImsBearingSource} (20 kHz vibration snapshots
 * in a tar archive), and {@link org.prognos.features.io.TabularSource} for a table with one row per unit and no
 * time (each row one reading at cycle 0, its failure an event there); {@link org.prognos.features.io.CsvFolderSource}
 * reads a folder of single-asset CSV files, one asset (run) each, the files a {@link org.prognos.features.io.FilePick}
 * keeps (glob patterns, for a benchmark that ships other files beside its runs). Each re-opens its file on every {@code forEach}, reuses one {@code double[]} per row and
 * keeps only per-asset state, so memory does not grow with the file. Event logs and attributes are small and
 * read into memory by {@link org.prognos.features.io.EventCsv} and {@link org.prognos.features.io.AttributeCsv}.
 *
 * <p>Every reader shares the same conventions: {@code .gz} files are decompressed, lines starting with
 * {@code #} are comments, a UTF-8 byte-order mark is skipped, CSV headers and values may be quoted, times go
 * through {@link org.prognos.features.telemetry.TimeAxis#parse}, and an empty cell, {@code NaN}, {@code NA}
 * or {@code null} is a missing value. What happens to missing values, repeated or backward times and events
 * of unknown assets is a {@link org.prognos.features.io.ReadPolicy}.
 *
 * <p>{@link org.prognos.features.io.DatasetConfig} describes any of these layouts in a {@code dataset.json}, and
 * {@link org.prognos.features.io.Datasets} opens a path by what it holds.
 *
 * <p>{@link org.prognos.features.io.AzurePdm} and {@link org.prognos.features.io.Cmapss} load the bundled
 * public datasets of {@code notebooks-data/} in one call.
 */
package org.prognos.features.io;
