package org.prognos.models.bundle;

import java.util.regex.Pattern;
import org.prognos.models.InvalidModelNameException;

/**
 * The naming rules shared by bundles and the registry. A model name becomes a directory and an alias a JSON key,
 * so both are kept to one safe path segment: no separators, no leading dot, nothing that resolves to a parent
 * directory. Bundle file names follow the same rule so a manifest cannot point outside its bundle.
 */
public final class Names {
    /** Model names: a letter or digit, then up to 63 letters, digits, dots, underscores or hyphens. */
    public static final Pattern MODEL_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** Alias names such as {@code production} or {@code candidate}: lower case, a letter first. */
    public static final Pattern ALIAS = Pattern.compile("[a-z][a-z0-9-]{0,63}");
    /** Names of files inside a bundle. */
    public static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private Names() {
    }

    /** Returns {@code name} if it is a valid model name, else throws naming the rule. */
    public static String requireModelName(String name) {
        if (name == null || !MODEL_NAME.matcher(name).matches()) {
            throw new InvalidModelNameException("model name " + quote(name) + " is not allowed: use 1 to 64 letters, digits,"
                    + " '.', '_' or '-', starting with a letter or digit (it becomes a directory name)");
        }
        return name;
    }

    /** Returns {@code alias} if it is a valid alias name, else throws naming the rule. */
    public static String requireAlias(String alias) {
        if (alias == null || !ALIAS.matcher(alias).matches()) {
            throw new InvalidModelNameException("alias " + quote(alias) + " is not allowed: use 1 to 64 lower-case letters,"
                    + " digits or '-', starting with a letter (e.g. 'production', 'candidate')");
        }
        return alias;
    }

    /** Whether {@code file} is a plain file name that stays inside its bundle directory. */
    public static boolean isFileName(String file) {
        return file != null && FILE_NAME.matcher(file).matches();
    }

    private static String quote(String s) {
        return s == null ? "(none)" : "'" + s + "'";
    }
}
