/**
 * The service's durable store: one embedded RocksDB database under the configured data directory, with a column
 * family per kind of record (the readings journal, asset snapshots, alerts, the delivery outbox, metadata). Writes
 * are atomic batches; a synced write is on disk before it returns, and concurrent synced writes share one fsync.
 */
package org.prognos.inference.store;
