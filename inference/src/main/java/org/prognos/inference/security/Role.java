package org.prognos.inference.security;

import io.javalin.security.RouteRole;
import java.util.Locale;
import java.util.Optional;

/**
 * What an API key may do. A closed set: {@link #SCORE} reads models, scores and reads alerts; {@link #OPERATE} also
 * acknowledges alerts; {@link #ADMIN} may do everything, reloading models, deleting and resetting assets and acting in
 * another tenant too. Every key acts in its own tenant's assets. Each role knows which roles it grants,
 * so a check asks the role rather than switching on it.
 */
public enum Role implements RouteRole {
    /** Score assets, ingest readings, read models, the at-risk list and alerts. */
    SCORE {
        @Override
        public boolean grants(Role needed) {
            return needed == SCORE;
        }
    },
    /** Everything {@link #SCORE} may do, plus acknowledging alerts: the key of an operations team or its tools. */
    OPERATE {
        @Override
        public boolean grants(Role needed) {
            return needed == SCORE || needed == OPERATE;
        }
    },
    /**
     * Everything the other roles may do, plus reloading models, deleting and resetting an asset's state, and naming
     * another tenant with {@code ?tenant=}.
     */
    ADMIN {
        @Override
        public boolean grants(Role needed) {
            return true;
        }
    };

    /** Whether a key with this role may use a route that needs {@code needed}. */
    public abstract boolean grants(Role needed);

    /** The role's name in key files and problem messages. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role named {@code text} ({@code score}, {@code operate} or {@code admin}, any case). */
    public static Optional<Role> parse(String text) {
        for (Role r : values()) {
            if (r.label().equalsIgnoreCase(text.trim())) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
