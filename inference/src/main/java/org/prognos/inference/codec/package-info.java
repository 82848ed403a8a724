/**
 * The service's JSON, whatever carries it: {@link org.prognos.inference.codec.JsonCodec} binds and writes bodies
 * within the configured limits, {@link org.prognos.inference.codec.BodyReader} reads a body into the typed window
 * the scoring core takes (the same reading, checks and error messages for an HTTP request and an MQTT message), and
 * {@link org.prognos.inference.codec.ScoreResponseSerializer} writes answers. No transport here: HTTP and MQTT are
 * edges that use it.
 */
package org.prognos.inference.codec;
