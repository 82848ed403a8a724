/**
 * The recent past of each asset the live page shows: a bounded, in-memory ring buffer per asset of its last scores
 * and readings ({@link org.prognos.inference.history.RecentHistory}), fed by the streaming path's commits like the
 * alerts are. Nothing here is durable or complete; the journal and the alert history are.
 */
package org.prognos.inference.history;
