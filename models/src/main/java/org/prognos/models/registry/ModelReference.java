package org.prognos.models.registry;

import java.util.Map;
import java.util.OptionalInt;
import java.util.SortedSet;
import org.prognos.models.InvalidModelNameException;
import org.prognos.models.bundle.Names;

/**
 * How a caller names a model: its latest version ({@code pump-failure}), an exact version ({@code pump-failure:3}),
 * or an alias ({@code pump-failure@production}). A closed set; each case knows how to find its version among a
 * model's versions and aliases.
 */
public sealed interface ModelReference permits ModelReference.Latest, ModelReference.Exact, ModelReference.Alias {

    /** The model name. */
    String name();

    /**
     * The version this reference picks among a model's published {@code versions} and its {@code aliases}
     * (alias to version); empty when there is none.
     */
    OptionalInt pick(SortedSet<Integer> versions, Map<String, Integer> aliases);

    /**
     * Parses {@code name}, {@code name:VERSION} or {@code name@ALIAS}.
     *
     * @throws InvalidModelNameException when the text is none of these or breaks the naming rules
     */
    static ModelReference parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new InvalidModelNameException("a model reference is required: 'name', 'name:3' or 'name@production'");
        }
        int at = text.indexOf('@');
        int colon = text.indexOf(':');
        if (at >= 0 && colon >= 0) {
            throw new InvalidModelNameException("model reference '" + text + "' has both a version and an alias;"
                    + " use 'name:3' or 'name@production'");
        }
        if (at >= 0) {
            return new Alias(text.substring(0, at), text.substring(at + 1));
        }
        if (colon >= 0) {
            String v = text.substring(colon + 1);
            if (!v.matches("[1-9][0-9]{0,8}")) {
                throw new InvalidModelNameException("model reference '" + text + "': the version must be a whole"
                        + " number from 1, found '" + v + "'");
            }
            return new Exact(text.substring(0, colon), Integer.parseInt(v));
        }
        return new Latest(text);
    }

    /** The latest version of a model. */
    record Latest(String name) implements ModelReference {
        public Latest {
            Names.requireModelName(name);
        }

        @Override
        public OptionalInt pick(SortedSet<Integer> versions, Map<String, Integer> aliases) {
            return versions.isEmpty() ? OptionalInt.empty() : OptionalInt.of(versions.last());
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** One version of a model. */
    record Exact(String name, int version) implements ModelReference {
        public Exact {
            Names.requireModelName(name);
            if (version < 1) {
                throw new InvalidModelNameException("model versions start at 1, found " + version);
            }
        }

        @Override
        public OptionalInt pick(SortedSet<Integer> versions, Map<String, Integer> aliases) {
            return versions.contains(version) ? OptionalInt.of(version) : OptionalInt.empty();
        }

        @Override
        public String toString() {
            return name + ":" + version;
        }
    }

    /** The version an alias of a model points to. */
    record Alias(String name, String alias) implements ModelReference {
        public Alias {
            Names.requireModelName(name);
            Names.requireAlias(alias);
        }

        @Override
        public OptionalInt pick(SortedSet<Integer> versions, Map<String, Integer> aliases) {
            Integer v = aliases.get(alias);
            return v != null && versions.contains(v) ? OptionalInt.of(v) : OptionalInt.empty();
        }

        @Override
        public String toString() {
            return name + "@" + alias;
        }
    }
}
