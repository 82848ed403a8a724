/**
 * The HTTP layer: thin Javalin controllers (each a set of handler methods over a service that knows nothing of
 * HTTP), request handling ({@link org.prognos.inference.http.HttpIo}) over the transport-free JSON codec of
 * {@code org.prognos.inference.codec} (shared with MQTT), API-key checks
 * ({@link org.prognos.inference.http.AccessControl}), the OpenAPI document and docs page
 * ({@link org.prognos.inference.http.ApiDocs}), and the single mapping of exceptions to RFC 9457 problems
 * ({@link org.prognos.inference.http.ProblemMapper}).
 */
package org.prognos.inference.http;
