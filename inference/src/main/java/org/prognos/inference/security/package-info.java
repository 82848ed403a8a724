/**
 * Who may call the service: bearer API keys with a {@link org.prognos.inference.security.Role}, kept as SHA-256
 * digests and compared in constant time ({@link org.prognos.inference.security.ApiKeys}). A key is presented as a
 * {@link org.prognos.inference.security.Caller}: a label for metrics and logs (never the key), its role and its tenant.
 * The HTTP layer asks these classes; they know nothing of HTTP beyond the route-role marker interface.
 */
package org.prognos.inference.security;
