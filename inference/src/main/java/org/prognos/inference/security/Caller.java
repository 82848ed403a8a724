package org.prognos.inference.security;

import java.util.Objects;
import java.util.regex.Pattern;
import org.prognos.inference.tenant.Tenant;

/**
 * Who a request comes from: the API key it presented, as the service may name it. The {@code label} names the key in
 * metrics and logs (its key-file {@code name=}, else {@code key-} and the first 8 hex digits of its SHA-256 digest),
 * never the key itself; quotas are counted per label. The {@code tenant} is the asset namespace the key acts in.
 *
 * @param label  the key's name in metrics and logs
 * @param role   what the key may do
 * @param tenant the key's asset namespace
 */
public record Caller(String label, Role role, Tenant tenant) {
    /** Key names given in a key file. */
    public static final Pattern LABEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** The one caller of a service without keys (auth off): every request counts against its quotas. */
    public static final Caller ANONYMOUS = new Caller("anonymous", Role.ADMIN, Tenant.DEFAULT);

    public Caller {
        if (label == null || !LABEL.matcher(label).matches()) {
            throw new IllegalArgumentException("a key's name must be 1 to 64 letters, digits, '.', '_' or '-'");
        }
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(tenant, "tenant");
    }
}
