/**
 * The HTTP layer: thin Javalin controllers (each a set of handler methods over a service that knows nothing of
 * HTTP), bounded JSON reading ({@link org.prognos.inference.http.JsonCodec}, {@link org.prognos.inference.http.HttpIo}),
 * request bodies read into the scoring core's typed windows ({@link org.prognos.inference.http.BodyReader}, over
 * {@code http.read}), answers written ({@link org.prognos.inference.http.ScoreResponseSerializer}),
 * API-key checks ({@link org.prognos.inference.http.AccessControl}), the OpenAPI document and docs page
 * ({@link org.prognos.inference.http.ApiDocs}), and the single mapping of exceptions to RFC 9457 problems
 * ({@link org.prognos.inference.http.ProblemMapper}).
 */
package org.prognos.inference.http;
