package org.prognos.inference.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import org.prognos.FileProblems;
import java.util.List;
import java.util.Map;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.prognos.inference.AuthConfig;
import org.prognos.inference.InvalidRequestException;
import org.prognos.inference.tenant.Tenant;

/**
 * The API keys the service accepts, each with a {@link Role}. Only SHA-256 digests of the keys are kept, and a
 * presented key is checked against every digest with {@link MessageDigest#isEqual} (constant time, no early
 * exit), so neither the comparison's timing nor a heap dump gives a key away. Keys never appear in messages or
 * logs.
 *
 * <p>Sources: a key file (one key per line; blank lines and {@code #} comments ignored) and an environment variable
 * (entries separated by commas). Each line or entry is
 * <pre>
 * role key [tenant=NAME] [name=LABEL]      or      role:key [tenant=NAME] [name=LABEL]
 * </pre>
 * for instance {@code score 7c0f...e21a tenant=acme name=dashboard}. The key is one token of at least
 * {@value #MIN_KEY_LENGTH} characters without white space; {@code tenant} is the asset namespace the key acts in
 * ({@link Tenant#DEFAULT} when absent) and {@code name} its label in metrics and logs (else {@code key-} and a prefix
 * of its digest, see {@link Caller}). Lines of the earlier format ({@code role key}) keep their meaning: default
 * tenant, digest label.
 */
public final class ApiKeys {
    /** Shortest key accepted: shorter keys are guessable. */
    public static final int MIN_KEY_LENGTH = 16;

    private record Entry(byte[] digest, Caller caller) {
    }

    private static final Pattern ATTRIBUTE = Pattern.compile("(tenant|name)=(\\S+)");

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
        keys.forEach((key, role) -> e.add(entry(key, role, Tenant.DEFAULT, null, "keys given in code")));
        return new ApiKeys(e, true);
    }

    /** Keys given in code, each with its caller (role, tenant and label). */
    public static ApiKeys ofCallers(Map<String, Caller> keys) {
        List<Entry> e = new ArrayList<>();
        keys.forEach((key, caller) -> e.add(entry(key, caller.role(), caller.tenant(), caller.label(), "keys given in code")));
        return new ApiKeys(e, true);
    }

    /**
     * The keys {@code auth} names: from its key file and from its environment variable in {@code env}.
     *
     * @throws KeyFileException when a source is unreadable or malformed, or when auth is on and no key is found
     */
    public static ApiKeys load(AuthConfig auth, Map<String, String> env) {
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
                throw new KeyFileException(FileProblems.cannotRead("API key file", file, ex));
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
                    + " to 'admin:KEY,score:KEY tenant=acme' (keys of " + MIN_KEY_LENGTH + "+ characters), or turn auth off with"
                    + " auth.enabled: false on a private interface");
        }
        return new ApiKeys(e, true);
    }

    private static Entry parse(String line, String where) {
        int sep = indexOfSeparator(line);
        if (sep < 0) {
            throw new KeyFileException(where + ": expected 'role key' or 'role:key', optionally followed by tenant=NAME and"
                    + " name=LABEL (roles: score, operate, admin)");
        }
        String roleText = line.substring(0, sep);
        Role role = Role.parse(roleText).orElseThrow(() -> new KeyFileException(where + ": unknown role '" + roleText
                + "'; roles are score, operate and admin"));
        String[] tokens = line.substring(sep + 1).strip().split("\\s+");
        Tenant tenant = Tenant.DEFAULT;
        String label = null;
        boolean sawTenant = false;
        for (int i = 1; i < tokens.length; i++) {
            // never echo a token: a key split by a space would end up in the log
            Matcher m = ATTRIBUTE.matcher(tokens[i]);
            if (!m.matches()) {
                throw new KeyFileException(where + ": after the key only tenant=NAME and name=LABEL may follow (word " + (i + 2)
                        + " is neither; a key holds no white space)");
            }
            if (m.group(1).equals("tenant")) {
                if (sawTenant) {
                    throw new KeyFileException(where + ": tenant= is given twice");
                }
                sawTenant = true;
                try {
                    tenant = Tenant.of(m.group(2));
                } catch (InvalidRequestException e) {
                    throw new KeyFileException(where + ": " + e.getMessage());
                }
            } else {
                if (label != null) {
                    throw new KeyFileException(where + ": name= is given twice");
                }
                label = m.group(2);
            }
        }
        return entry(tokens[0], role, tenant, label, where);
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

    private static Entry entry(String key, Role role, Tenant tenant, String label, String where) {
        if (key == null || key.length() < MIN_KEY_LENGTH) {
            throw new KeyFileException(where + ": a key must be at least " + MIN_KEY_LENGTH + " characters");
        }
        if (label != null && !Caller.LABEL.matcher(label).matches()) {
            throw new KeyFileException(where + ": a key's name must be 1 to 64 letters, digits, '.', '_' or '-', starting"
                    + " with a letter or digit");
        }
        byte[] digest = digest(key);
        String name = label != null ? label : "key-" + HexFormat.of().formatHex(digest, 0, 4);
        return new Entry(digest, new Caller(name, role, tenant));
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
        return callerOf(presented).map(Caller::role);
    }

    /**
     * Who presents {@code presented}, if it is one of the keys: its label, role and tenant (the entry of the most
     * powerful role, should a key be listed twice). Every digest is compared, whatever matches.
     */
    public Optional<Caller> callerOf(String presented) {
        byte[] d = digest(presented);
        Caller found = null;
        for (Entry e : entries) {
            if (MessageDigest.isEqual(d, e.digest()) && (found == null || e.caller().role().grants(found.role()))) {
                found = e.caller();
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
