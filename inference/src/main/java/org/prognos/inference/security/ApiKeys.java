package org.prognos.inference.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.prognos.inference.ServiceConfig;

/**
 * The API keys the service accepts, each with a {@link Role}. Only SHA-256 digests of the keys are kept, and a
 * presented key is checked against every digest with {@link MessageDigest#isEqual} (constant time, no early
 * exit), so neither the comparison's timing nor a heap dump gives a key away. Keys never appear in messages or
 * logs.
 *
 * <p>Sources: a key file (one {@code role key} or {@code role:key} per line; blank lines and {@code #} comments
 * ignored) and an environment variable ({@code role:key,role:key}). Keys must be at least
 * {@value #MIN_KEY_LENGTH} characters.
 */
public final class ApiKeys {
    /** Shortest key accepted: shorter keys are guessable. */
    public static final int MIN_KEY_LENGTH = 16;

    private record Entry(byte[] digest, Role role) {
    }

    private final List<Entry> entries;
    private final boolean enabled;

    private ApiKeys(List<Entry> entries, boolean enabled) {
        this.entries = List.copyOf(entries);
        this.enabled = enabled;
    }

    /** No keys: every route is open. For a service on a private interface, and for the HTTP floor benchmark. */
    public static ApiKeys disabled() {
        return new ApiKeys(List.of(), false);
    }

    /** Keys given in code: role to key. */
    public static ApiKeys of(Map<String, Role> keys) {
        List<Entry> e = new ArrayList<>();
        keys.forEach((key, role) -> e.add(entry(key, role, "keys given in code")));
        return new ApiKeys(e, true);
    }

    /**
     * The keys {@code auth} names: from its key file and from its environment variable in {@code env}.
     *
     * @throws KeyFileException when a source is unreadable or malformed, or when auth is on and no key is found
     */
    public static ApiKeys load(ServiceConfig.Auth auth, Map<String, String> env) {
        if (!auth.enabled()) {
            return disabled();
        }
        List<Entry> e = new ArrayList<>();
        if (auth.keysFile() != null) {
            Path file = Path.of(auth.keysFile());
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (IOException ex) {
                throw new KeyFileException("cannot read API key file " + file + ": " + ex.getMessage());
            }
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                e.add(parse(line, file + ":" + (i + 1)));
            }
        }
        String fromEnv = auth.keysEnv() == null ? null : env.get(auth.keysEnv());
        if (fromEnv != null && !fromEnv.isBlank()) {
            String[] parts = fromEnv.split(",");
            for (int i = 0; i < parts.length; i++) {
                if (!parts[i].isBlank()) {
                    e.add(parse(parts[i].strip(), "$" + auth.keysEnv() + " entry " + (i + 1)));
                }
            }
        }
        if (e.isEmpty()) {
            throw new KeyFileException("no API keys: give a key file (auth.keysFile) or set $" + auth.keysEnv()
                    + " to 'admin:KEY,score:KEY' (keys of " + MIN_KEY_LENGTH + "+ characters), or turn auth off with"
                    + " auth.enabled: false on a private interface");
        }
        return new ApiKeys(e, true);
    }

    private static Entry parse(String line, String where) {
        int sep = indexOfSeparator(line);
        if (sep < 0) {
            throw new KeyFileException(where + ": expected 'role key' or 'role:key' (roles: score, operate, admin)");
        }
        String roleText = line.substring(0, sep);
        Role role = Role.parse(roleText).orElseThrow(() -> new KeyFileException(where + ": unknown role '" + roleText
                + "'; roles are score, operate and admin"));
        return entry(line.substring(sep + 1).strip(), role, where);
    }

    private static int indexOfSeparator(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == ':' || c == ' ' || c == '\t') {
                return i;
            }
        }
        return -1;
    }

    private static Entry entry(String key, Role role, String where) {
        if (key == null || key.length() < MIN_KEY_LENGTH) {
            throw new KeyFileException(where + ": a key must be at least " + MIN_KEY_LENGTH + " characters");
        }
        return new Entry(digest(key), role);
    }

    /** Whether keys are required at all. */
    public boolean enabled() {
        return enabled;
    }

    /** The number of keys. */
    public int size() {
        return entries.size();
    }

    /**
     * The role of {@code presented}, if it is one of the keys (the most powerful one, should a key be listed twice).
     * Every digest is compared, whatever matches, so the time taken does not depend on which key (if any) matched.
     */
    public Optional<Role> roleOf(String presented) {
        byte[] d = digest(presented);
        Role found = null;
        for (Entry e : entries) {
            if (MessageDigest.isEqual(d, e.digest()) && (found == null || e.role().grants(found))) {
                found = e.role();
            }
        }
        return Optional.ofNullable(found);
    }

    private static byte[] digest(String key) {
        return SHA256.get().digest(key.getBytes(StandardCharsets.UTF_8));   // digest() also resets it
    }

    /** One digest per thread: looking one up by name costs more than the hash of a key. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    });

    /** A key source that cannot be used; the message names the file and line, never the key. */
    public static final class KeyFileException extends org.prognos.PrognosException {
        public KeyFileException(String message) {
            super(message);
        }
    }
}
