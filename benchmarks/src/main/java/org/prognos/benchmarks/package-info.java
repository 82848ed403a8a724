/**
 * Benchmarks, never tests: JMH benchmarks of the hot code (the scoring route's steps without HTTP, explanations, one
 * streaming update, one asset's adaptive anomaly scorer a reading and its snapshot and restore) and whole-run
 * programs (feature throughput on the peer's workload, the serving benchmark's Java side driven by
 * {@code benchmarks/serve/run.sh} with wrk; score latency with and without 200 slow uploads,
 * {@code SlowClientsBench}, driven by {@code benchmarks/serve/slow-clients.sh}; the MQTT benchmark in {@code org.prognos.benchmarks.mqtt},
 * driven by {@code benchmarks/mqtt/rounds.sh}). Each class's Javadoc says how to run it; the figures,
 * with the machine and the ratio against the peer measured in the same session, are in {@code docs/benchmarks.md}.
 * Synthetic inputs are used for speed only and say so.
 */
package org.prognos.benchmarks;
