/**
 * Sparkplug B, the MQTT convention of industrial edge nodes, read as a host application reads it and written as an
 * edge node writes it.
 *
 * <p>{@link org.prognos.live.sparkplug.SparkplugTopic} parses and formats topics,
 * {@code spBv1.0/{group}/{type}/{edge node}[/{device}]}. {@link org.prognos.live.sparkplug.SparkplugDecoder} follows
 * each edge node's session (births with metric names and aliases, {@code bdSeq}, the 0..255 {@code seq} of every
 * message) and turns births, data and deaths into {@link org.prognos.live.device.DeviceMessage}s, or into a
 * {@link org.prognos.live.sparkplug.Decoded.Rejected} with a {@link org.prognos.live.sparkplug.RejectReason} to count
 * (and, for a lost message or an unknown alias, a rebirth to request); it never throws on what devices send.
 * {@link org.prognos.live.sparkplug.SparkplugEncoder} writes an edge node's messages for the fleet simulator.
 *
 * <h2>Metrics and channels</h2>
 * A metric's name is the channel name of its readings. Numeric datatypes (Int8..UInt64, Float, Double, Boolean as
 * 0 or 1) become doubles and {@code is_null} becomes NaN; readings at the same timestamp (the metric's, else the
 * payload's) form one {@link org.prognos.live.device.DeviceMessage.Sample}. DataSet, Template, Bytes, File, arrays
 * and other datatypes are left out one by one with a {@link org.prognos.live.sparkplug.SkipReason}. {@code bdSeq}
 * and the {@code Node Control/...} and {@code Device Control/...} metrics are protocol and left out silently.
 * Historical metrics ({@code is_historical}, an edge node's store and forward) are read like the others, at their
 * own timestamps.
 *
 * <h2>Events</h2>
 * An event is a String metric named {@code event/failure}, {@code event/maintenance} or {@code event/alarm} whose
 * value is the event's code (the component, or the alarm code: {@code comp2}, {@code error3}); its timestamp is the
 * event's time. A null value is no event, so a birth declares the three metrics with null values and data carries
 * codes by alias; a device's birth may repeat an event metric with a code to report events with its first reading
 * (the fleet simulator sends an asset's maintenance history so). Another kind after {@code event/} is skipped
 * ({@code unknown_event_kind}).
 *
 * <h2>Assets</h2>
 * {@link org.prognos.live.sparkplug.AssetMapping} names assets: by default a device is the asset named by its device
 * id and an edge node the asset named by its node id. An edge node is an asset only when its NBIRTH declares a
 * numeric channel or an event metric of its own; a node that is only a gateway gets no presence of its own.
 *
 * <p>The protobuf classes ({@code org.eclipse.tahu.protobuf.SparkplugBProto}) are generated at build time from
 * Eclipse Tahu's {@code sparkplug_b.proto} (EPL-2.0, see the module's NOTICE.md); nothing outside this package uses
 * them.
 */
package org.prognos.live.sparkplug;
