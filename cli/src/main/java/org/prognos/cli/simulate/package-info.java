/**
 * {@code prognos simulate}: a dataset replayed as a live fleet of devices publishing over MQTT, for demos, tests and
 * benchmarks of the service's MQTT ingestion.
 *
 * <p>The story, in the order the pieces are used: {@link org.prognos.cli.simulate.FleetReplay} reads a slice
 * ({@link org.prognos.cli.simulate.ReplaySlice}) of a dataset once and cuts every asset's readings into messages
 * ({@link org.prognos.cli.simulate.DeviceFrame}), interleaved in global time order;
 * a {@link org.prognos.cli.simulate.FrameEncoder} writes a message's payload ({@link org.prognos.cli.simulate.JsonPayloads}:
 * the body of the service's HTTP readings call, events inside the message on the asset's own topic, so one topic
 * carries an asset's whole story in order); the {@link org.prognos.cli.simulate.Publisher} sends messages when their
 * {@link org.prognos.cli.simulate.Pacing} says, on the topic of a {@link org.prognos.cli.simulate.TopicTemplate}, with a
 * bounded window of messages in flight ({@link org.prognos.cli.simulate.PublishOptions}); the
 * {@link org.prognos.cli.simulate.ProgressReport} prints a line every few seconds.
 * {@link org.prognos.cli.simulate.BrokerSettings} say where to connect; {@link org.prognos.cli.simulate.BrokerException}
 * says, naming the URL, when that failed.
 *
 * <p>{@link org.prognos.cli.simulate.EmbeddedBroker} runs an MQTT broker in the JVM (Moquette, loopback only) for
 * {@code prognos demo} and the tests.
 *
 * <p>Why events ride inside the readings message rather than on a topic of their own: MQTT orders messages per topic,
 * and the service must apply an asset's maintenance before the readings that follow it, as batch extraction does.
 * A second topic could overtake the first. The topic template is configurable ({@code --topic}); a Sparkplug B
 * format, with its own topic namespace, would come in as another {@code FrameEncoder}.
 */
package org.prognos.cli.simulate;
