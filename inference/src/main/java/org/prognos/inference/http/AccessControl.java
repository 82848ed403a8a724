package org.prognos.inference.http;

import io.javalin.http.Context;
import io.javalin.security.RouteRole;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import jakarta.servlet.http.HttpServletRequest;
import org.prognos.inference.AccessDeniedException;
import org.prognos.inference.AuthenticationException;
import org.prognos.inference.quota.KeyQuotas;
import org.prognos.inference.security.ApiKeys;
import org.prognos.inference.security.Caller;
import org.prognos.inference.security.Role;
import org.prognos.inference.tenant.Tenant;

/**
 * Checks the bearer API key of every request to a route that declares a {@link Role}, then admits it under the key's
 * quotas. Routes without roles (health, metrics, documentation) are open and count against no quota. A missing or
 * unknown key is a 401 (with {@code WWW-Authenticate: Bearer}); a known key without the role is a 403; a key over a
 * quota is a 429 ({@link KeyQuotas}). With keys off, every request comes from {@link Caller#ANONYMOUS}. The key itself
 * is never logged or echoed.
 *
 * <p>Controllers ask it who called ({@link #roleOf}), in which tenant the request acts ({@link #tenantOf}), and charge
 * the readings they read ({@link #readings}).
 */
public final class AccessControl {
    /** The query parameter with which an admin key acts in another tenant. */
    public static final String TENANT_PARAM = "tenant";
    private static final String CALLER = "prognos.caller";
    private static final String PERMIT = "prognos.permit";
    private static final String KNOWN = "prognos.known-caller";

    private final ApiKeys keys;
    private final KeyQuotas quotas;

    public AccessControl(ApiKeys keys, KeyQuotas quotas) {
        this.keys = keys;
        this.quotas = quotas;
    }

    /** The role of the key the request was let in with (empty on an open route, or when keys are off). */
    public static Optional<Role> roleOf(Context ctx) {
        return ctx.attribute(CALLER) instanceof Caller c && c != Caller.ANONYMOUS ? Optional.of(c.role()) : Optional.empty();
    }

    /**
     * The tenant the request acts in: its key's, or the one an admin key names with {@code ?tenant=} (any other key
     * may name only its own).
     *
     * @throws AccessDeniedException when a key that is not an admin's names another tenant
     * @throws org.prognos.inference.InvalidRequestException when the name is not a tenant name
     */
    public static Tenant tenantOf(Context ctx) {
        Caller caller = ctx.attribute(CALLER) instanceof Caller c ? c : Caller.ANONYMOUS;
        String named = ctx.queryParam(TENANT_PARAM);
        if (named == null || named.isBlank()) {
            return caller.tenant();
        }
        Tenant t = Tenant.of(named.trim());
        if (!t.equals(caller.tenant()) && !caller.role().grants(Role.ADMIN)) {
            throw new AccessDeniedException("only an admin key may name another tenant with ?" + TENANT_PARAM + "=; this key"
                    + " acts in its own tenant");
        }
        return t;
    }

    /**
     * Counts {@code n} readings the request carries against its key's readings quota.
     *
     * @throws org.prognos.inference.TooManyRequestsException when the key is over it
     */
    public static void readings(Context ctx, long n) {
        if (ctx.attribute(PERMIT) instanceof KeyQuotas.Permit p) {
            p.readings(n);
        }
    }

    /**
     * Whether {@code req} presents a known key, or keys are off: the test made before a request's body is read, so that
     * a caller without a key cannot make the service hold bodies. The caller found is kept on the request, and
     * {@link #check} does not look the key up a second time.
     */
    public boolean knownCaller(HttpServletRequest req) {
        if (!keys.enabled()) {
            return true;
        }
        String auth = req.getHeader("Authorization");
        if (auth == null || auth.length() <= 7 || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        Optional<Caller> caller = keys.callerOf(auth.substring(7).trim());
        caller.ifPresent(c -> req.setAttribute(KNOWN, c));
        return caller.isPresent();
    }

    /** Before-matched handler: throws when the caller may not use the matched route, or is over a quota. */
    public void check(Context ctx) {
        Set<RouteRole> roles = ctx.routeRoles();
        if (roles.isEmpty()) {
            return;
        }
        Caller caller = keys.enabled() ? authenticate(ctx, roles) : Caller.ANONYMOUS;
        ctx.attribute(CALLER, caller);
        ctx.attribute(PERMIT, quotas.admit(caller));
    }

    /**
     * Gives the request's place among its key's requests in flight back: once its answer is complete, before the
     * client can read it (so a client that waits for each answer never finds its own last request still in flight),
     * and as an after handler, which runs after errors too. Later calls do nothing.
     */
    public static void release(Context ctx) {
        if (ctx.attribute(PERMIT) instanceof KeyQuotas.Permit p) {
            p.close();
        }
    }

    private Caller authenticate(Context ctx, Set<RouteRole> roles) {
        String auth = ctx.header("Authorization");
        if (auth == null || auth.isBlank()) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"prognos\"");
            throw new AuthenticationException("this route needs an API key: send 'Authorization: Bearer <key>'");
        }
        if (auth.length() < 7 || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"prognos\"");
            throw new AuthenticationException("the Authorization header must use the Bearer scheme: 'Authorization: Bearer <key>'");
        }
        Optional<Caller> caller = ctx.attribute(KNOWN) instanceof Caller known ? Optional.of(known)
                : keys.callerOf(auth.substring(7).trim());
        if (caller.isEmpty()) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"prognos\", error=\"invalid_token\"");
            throw new AuthenticationException("the API key is not valid");
        }
        Role role = caller.get().role();
        for (RouteRole needed : roles) {
            if (needed instanceof Role r && role.grants(r)) {
                return caller.get();
            }
        }
        List<String> granting = Arrays.stream(Role.values())
                .filter(r -> roles.stream().anyMatch(needed -> needed instanceof Role n && r.grants(n))).map(Role::label).toList();
        throw new AccessDeniedException("this route needs a key with role " + granting + "; this key has role '"
                + role.label() + "'");
    }
}
