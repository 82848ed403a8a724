package org.prognos.features.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonMappingException.Reference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBase;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import com.fasterxml.jackson.databind.deser.SettableBeanProperty;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.commons.text.similarity.LevenshteinDistance;
import org.prognos.features.InvalidSpecException;

/**
 * Turns Jackson's mapping errors into the messages Prognos promises: the offending field's path and what was
 * expected ({@code at 'features[2].window': unknown window 'w9'; declared windows: [3h, 24h]}). Shared by every
 * JSON/YAML document we read (feature specs, dataset descriptors, job configs, the service config).
 *
 * <p>An unknown key names its line and column, the keys valid at that place, and the closest of them when it is a
 * likely typo: {@code line 12, column 3: unknown key 'horizion' in 'task'; did you mean 'horizon'? valid keys: ...}.
 * "Likely" is an edit distance of at most a third of the key's length (at least 1, at most 3): {@code horizion} is one
 * edit from {@code horizon}, {@code cost} one from {@code costs}, while {@code foo} suggests nothing.
 */
public final class JsonErrors {
    private static final int MAX_SUGGESTION_DISTANCE = 3;

    private JsonErrors() {
    }

    /** {@code at '<path>': <reason>}; the reason is our own validation message when one caused the error. */
    public static String describe(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            return unknownKey(u);
        }
        String path = path(e);
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg = root instanceof InvalidSpecException ? root.getMessage() : e.getOriginalMessage();
        return (path.isEmpty() ? "" : "at '" + path + "': ") + msg;
    }

    /**
     * As {@link #describe(JsonMappingException)}, for a whole document {@code text} read by {@code mapper} as a
     * {@code type}: an unknown key is reported at its own line and column, and is reported first even when a check of
     * ours failed before Jackson got to it. (Jackson collects the unknown keys of an object built by a creator, such as a
     * record, and reports them only after the creator ran: {@code horizion: 24h} would otherwise surface as "task.horizon
     * is required".)
     */
    public static String describe(JsonMappingException e, ObjectMapper mapper, String text, Class<?> type) {
        return unknownKey(e, mapper, text, type).orElseGet(() -> describe(e));
    }

    /** The unknown key behind {@code e} or, when {@code e} is a failed check, in the object that failed; else empty. */
    public static Optional<String> unknownKey(JsonMappingException e, ObjectMapper mapper, String text, Class<?> type) {
        if (e instanceof UnrecognizedPropertyException u) {
            List<Reference> at = u.getPath();
            return Optional.of(unknownKey(u.getPropertyName(), known(u.getKnownPropertyIds()), names(at),
                    fieldLocation(mapper, text, at).orElse(u.getLocation())));
        }
        return unknownKeyBelow(e, mapper, text, type);
    }

    /** The first key of the object that failed which its type does not know, when there is one. */
    private static Optional<String> unknownKeyBelow(JsonMappingException e, ObjectMapper mapper, String text, Class<?> type) {
        List<Reference> at = e.getPath();
        try {
            DeserializationContext ctxt = ((DefaultDeserializationContext) mapper.getDeserializationContext())
                    .createDummyInstance(mapper.getDeserializationConfig());
            JavaType t = mapper.constructType(type);
            JsonNode node = mapper.readTree(text);
            for (Reference r : at) {
                if (r.getFieldName() == null || !(ctxt.findRootValueDeserializer(t) instanceof BeanDeserializerBase bean)
                        || bean.findProperty(r.getFieldName()) == null) {
                    return Optional.empty();
                }
                t = bean.findProperty(r.getFieldName()).getType();
                node = node.path(r.getFieldName());
            }
            if (!(ctxt.findRootValueDeserializer(t) instanceof BeanDeserializerBase bean) || !node.isObject()) {
                return Optional.empty();
            }
            List<String> valid = known(names(bean, ctxt));
            Iterator<String> keys = node.fieldNames();
            while (keys.hasNext()) {
                String key = keys.next();
                if (!valid.contains(key)) {
                    List<Reference> path = new ArrayList<>(at);
                    path.add(new Reference(null, key));
                    return Optional.of(unknownKey(key, valid, names(path), fieldLocation(mapper, text, path).orElse(null)));
                }
            }
            return Optional.empty();
        } catch (IOException | RuntimeException notFound) {
            return Optional.empty();
        }
    }

    /** The keys a bean reads: its properties and its creator's parameters. */
    private static List<String> names(BeanDeserializerBase bean, DeserializationContext ctxt) {
        List<String> names = new ArrayList<>();
        bean.getKnownPropertyNames().forEach(n -> names.add(n.toString()));
        SettableBeanProperty[] creator = bean.getValueInstantiator().getFromObjectArguments(ctxt.getConfig());
        if (creator != null) {
            for (SettableBeanProperty p : creator) {
                names.add(p.getName());
            }
        }
        return names;
    }

    /**
     * Where the key at the end of {@code path} is written in {@code text}: Jackson's own location is where it stopped
     * reading (in YAML, after the key's value), not where the key is. Empty when the text has no such key.
     */
    public static Optional<JsonLocation> fieldLocation(ObjectMapper mapper, String text, List<Reference> path) {
        try (JsonParser p = mapper.getFactory().createParser(text)) {
            p.nextToken();
            return find(p, path, 0);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<JsonLocation> find(JsonParser p, List<Reference> path, int depth) throws IOException {
        Reference step = path.get(depth);
        if (step.getFieldName() != null && p.currentToken() == JsonToken.START_OBJECT) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                JsonLocation at = p.currentTokenLocation();
                boolean match = step.getFieldName().equals(p.currentName());
                p.nextToken();
                if (match) {
                    return depth == path.size() - 1 ? Optional.of(at) : find(p, path, depth + 1);
                }
                p.skipChildren();
            }
        } else if (step.getFieldName() == null && p.currentToken() == JsonToken.START_ARRAY) {
            for (int i = 0; p.nextToken() != JsonToken.END_ARRAY; i++) {
                if (i == step.getIndex()) {
                    return depth == path.size() - 1 ? Optional.of(p.currentTokenLocation()) : find(p, path, depth + 1);
                }
                p.skipChildren();
            }
        }
        return Optional.empty();
    }

    /** {@code line L, column C: unknown key 'k' in 'parent'; did you mean 'x'? valid keys: a, b, x}. */
    static String unknownKey(UnrecognizedPropertyException e) {
        return unknownKey(e.getPropertyName(), known(e.getKnownPropertyIds()), path(e), e.getLocation());
    }

    private static String unknownKey(String key, List<String> valid, String path, JsonLocation location) {
        String parent = path.contains(".") ? path.substring(0, path.lastIndexOf('.')) : "";
        StringBuilder msg = new StringBuilder(location(location))
                .append("unknown key '").append(key).append("'")
                .append(parent.isEmpty() ? " at the top level" : " in '" + parent + "'");
        closest(key, valid).ifPresent(s -> msg.append("; did you mean '").append(s).append("'?"));
        msg.append(valid.isEmpty() ? "" : (msg.charAt(msg.length() - 1) == '?' ? " " : "; ") + "valid keys: " + String.join(", ", valid));
        return msg.toString();
    }

    /** The valid key closest to {@code key}, if it is close enough to be a likely typo. */
    public static Optional<String> closest(String key, Collection<String> valid) {
        int limit = Math.min(MAX_SUGGESTION_DISTANCE, Math.max(1, key.length() / 3));
        LevenshteinDistance distance = new LevenshteinDistance(limit);
        return valid.stream()
                .filter(v -> distance.apply(key.toLowerCase(java.util.Locale.ROOT), v.toLowerCase(java.util.Locale.ROOT)) >= 0)
                .min(Comparator.comparingInt((String v) -> LevenshteinDistance.getDefaultInstance().apply(key, v))
                        .thenComparing(Comparator.naturalOrder()));
    }

    private static List<String> known(Collection<?> ids) {
        return ids == null ? List.of() : ids.stream().filter(Objects::nonNull).map(Object::toString).sorted().distinct().toList();
    }

    private static String location(JsonLocation at) {
        return at == null || at.getLineNr() < 1 ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
    }

    private static String path(JsonMappingException e) {
        return names(e.getPath());
    }

    private static String names(List<Reference> references) {
        String path = references.stream()
                .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining());
        return path.startsWith(".") ? path.substring(1) : path;
    }
}
