/**
 * The service's wire format: request and response records, serialized with Jackson. Absent optional fields are
 * left out of responses; every error is a {@link org.prognos.inference.api.Problem}. A score's answer records
 * ({@link org.prognos.models.runtime.answer.ScoreResponse} and its parts) belong to the model runtime, which produces
 * them; their component names are the wire format.
 */
package org.prognos.inference.api;
