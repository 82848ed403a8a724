/**
 * {@code prognos simulate}: a dataset replayed as a live fleet of devices publishing over MQTT, for demos, tests and
 * benchmarks of the service's MQTT ingestion.
 *
 * <p>The story, in the order the pieces are used: {@link org.prognos.cli.simulate.FleetReplay} reads a slice
 * ({@link org.prognos.cli.simulate.ReplaySlice}) of a dataset once and cuts every asset's readings into frames
 * ({@link org.prognos.cli.simulate.DeviceFrame}), interleaved in global time order; a
 * {@link org.prognos.cli.simulate.FrameEncoder}, the format, turns a run of frames into MQTT messages and says which
 * {@link org.prognos.cli.simulate.Connection}s they need; the {@link org.prognos.cli.simulate.Publisher} opens those
 * connections and hands each frame to the encoder when its {@link org.prognos.cli.simulate.Pacing} says, the encoder
 * writing zero or more messages into the publisher's {@link org.prognos.cli.simulate.Outbox}, a bounded window of
 * messages in flight ({@link org.prognos.cli.simulate.PublishOptions}); the
 * {@link org.prognos.cli.simulate.ProgressReport} prints a line every few seconds.
 * {@link org.prognos.cli.simulate.BrokerSettings} say where to connect; {@link org.prognos.cli.simulate.BrokerException}
 * says, naming the URL, when that failed.
 *
 * <p>The formats: {@link org.prognos.cli.simulate.JsonPayloads} writes one message per frame, the body of the
 * service's HTTP readings call, on the asset's topic ({@link org.prognos.cli.simulate.TopicTemplate}), events inside
 * the message, so one topic carries an asset's whole story in order. {@link org.prognos.cli.simulate.SparkplugFrames}
 * writes Sparkplug B with the {@code live} module's encoder: edge nodes with one connection each (their death
 * certificate as will), births, data by alias and deaths, and it answers a host's rebirth request, a
 * {@link org.prognos.cli.simulate.Command} the publisher hands it on its own thread.
 *
 * <p>{@link org.prognos.cli.simulate.EmbeddedBroker} runs an MQTT broker in the JVM (Moquette, loopback only) for
 * {@code prognos demo} and the tests.
 *
 * <p>Why events ride inside the readings message rather than on a topic of their own: MQTT orders messages per topic,
 * and the service must apply an asset's maintenance before the readings that follow it, as batch extraction does.
 * A second topic could overtake the first. Sparkplug B relies on the same order across an edge node's topics (its
 * {@code seq}), which one connection per edge node keeps.
 */
package org.prognos.cli.simulate;
