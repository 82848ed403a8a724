package org.prognos.inference.http;

import io.javalin.http.Context;
import io.javalin.security.RouteRole;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.prognos.inference.AccessDeniedException;
import org.prognos.inference.AuthenticationException;
import org.prognos.inference.security.ApiKeys;
import org.prognos.inference.security.Role;

/**
 * Checks the bearer API key of every request to a route that declares a {@link Role}. Routes without roles
 * (health, metrics, documentation) are open. A missing or unknown key is a 401 (with
 * {@code WWW-Authenticate: Bearer}); a known key without the role is a 403. The key itself is never logged or
 * echoed.
 */
public final class AccessControl {
    private static final String ROLE = "prognos.role";

    private final ApiKeys keys;

    public AccessControl(ApiKeys keys) {
        this.keys = keys;
    }

    /** The role of the key the request was let in with (empty on an open route, or when keys are off). */
    public static Optional<Role> roleOf(Context ctx) {
        return ctx.attribute(ROLE) instanceof Role r ? Optional.of(r) : Optional.empty();
    }

    /** Before-matched handler: throws when the caller may not use the matched route. */
    public void check(Context ctx) {
        Set<RouteRole> roles = ctx.routeRoles();
        if (roles.isEmpty() || !keys.enabled()) {
            return;
        }
        String auth = ctx.header("Authorization");
        if (auth == null || auth.isBlank()) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"prognos\"");
            throw new AuthenticationException("this route needs an API key: send 'Authorization: Bearer <key>'");
        }
        if (auth.length() < 7 || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"prognos\"");
            throw new AuthenticationException("the Authorization header must use the Bearer scheme: 'Authorization: Bearer <key>'");
        }
        Optional<Role> role = keys.roleOf(auth.substring(7).trim());
        if (role.isEmpty()) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"prognos\", error=\"invalid_token\"");
            throw new AuthenticationException("the API key is not valid");
        }
        for (RouteRole needed : roles) {
            if (needed instanceof Role r && role.get().grants(r)) {
                ctx.attribute(ROLE, role.get());
                return;
            }
        }
        List<String> granting = Arrays.stream(Role.values())
                .filter(r -> roles.stream().anyMatch(needed -> needed instanceof Role n && r.grants(n))).map(Role::label).toList();
        throw new AccessDeniedException("this route needs a key with role " + granting + "; this key has role '"
                + role.get().label() + "'");
    }
}
