package org.prognos.inference.api;

import java.util.List;

/**
 * An RFC 9457 problem details object ({@code application/problem+json}), the body of every error.
 *
 * @param type      a URI naming the kind of problem (relative: it resolves to a section of {@code /docs})
 * @param title     the kind of problem, in words
 * @param status    the HTTP status
 * @param detail    what went wrong with this request, and how to fix it
 * @param instance  the request path
 * @param requestId the request id (also in the {@code X-Request-Id} header), for support
 * @param errors    every problem found, when there were several
 */
public record Problem(String type, String title, int status, String detail, String instance, String requestId,
                      List<String> errors) {
    public Problem {
        errors = List.copyOf(errors);
    }
}
