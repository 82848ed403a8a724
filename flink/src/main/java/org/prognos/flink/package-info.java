/**
 * Prognos on Apache Flink: a streaming job keyed by asset. Each asset's streaming feature state lives in Flink keyed
 * state as the snapshot bytes the feature library writes, every emitted row is scored by the model runtime, and the
 * service's alert rule turns scores into alerts with stable ids. {@code score} holds the keyed function and the
 * values it reads and writes; {@code job} wires sources and sinks around it.
 */
package org.prognos.flink;
