/**
 * The MQTT benchmark (never a test): the scoring service fed over a real Mosquitto, measured from outside.
 *
 * <p>{@link org.prognos.benchmarks.mqtt.MqttBench} runs one system under test per call: it starts a
 * {@link org.prognos.benchmarks.mqtt.Mosquitto} on a free loopback port, starts the {@link org.prognos.benchmarks.mqtt.Target}
 * ({@code prognos serve} from the cli jar, durable or memory-only, or the floor: a
 * {@link org.prognos.benchmarks.mqtt.Republisher} that only echoes each message), and then
 * {@link org.prognos.benchmarks.mqtt.LoadDriver} replays the bundled Azure PdM telemetry of 70 machines, interleaved in
 * time order, at fixed rates of readings a second, stepping the rate up until the system loses a message or falls
 * behind. A {@link org.prognos.benchmarks.mqtt.Monitor} subscribed to the score topic records what comes back; a
 * {@link org.prognos.benchmarks.mqtt.StepLog} matches every score to the message it answers (by asset and reading time)
 * and a {@link org.prognos.benchmarks.mqtt.StepResult} is printed as one JSON line per step.
 *
 * <p>{@link org.prognos.benchmarks.mqtt.RecoveryBench} measures a restart: N assets' durable state of the Azure spec
 * (real readings of the 70 machines, cloned under N asset ids), then the time from process start to ready, the heap per
 * asset after recovery and the bytes on disk.
 *
 * <p>{@code benchmarks/mqtt/rounds.sh} drives both beside the Python peer; {@code benchmarks/mqtt/README.md} says what
 * is measured and how to read it.
 */
package org.prognos.benchmarks.mqtt;
