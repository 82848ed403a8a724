/**
 * The service's wire format: request and response records, serialized with Jackson. Absent optional fields are
 * left out of responses; every error is a {@link org.prognos.inference.api.Problem}.
 */
package org.prognos.inference.api;
