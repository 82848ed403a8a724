package org.prognos.benchmarks.mqtt;

import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A benchmark main's {@code --name value} and {@code --switch} arguments. Every name asked for is remembered, so that
 * {@link #requireAllUsed()} can refuse a misspelt flag instead of silently running with a default.
 */
final class Flags {
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Set<String> used = new HashSet<>();

    private Flags(List<String> args, Set<String> switches) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("expected --name, found '" + a + "'");
            }
            String name = a.substring(2);
            if (switches.contains(name)) {
                values.put(name, "true");
            } else if (i + 1 < args.size()) {
                values.put(name, args.get(++i));
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
        }
    }

    /** Parses {@code args} from {@code from} on; {@code switches} take no value. */
    static Flags parse(String[] args, int from, String... switches) {
        return new Flags(Arrays.asList(args).subList(from, args.length), Set.of(switches));
    }

    String text(String name, String otherwise) {
        used.add(name);
        return values.getOrDefault(name, otherwise);
    }

    String required(String name) {
        used.add(name);
        String v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return v;
    }

    int integer(String name, int otherwise) {
        return Integer.parseInt(text(name, Integer.toString(otherwise)).replace("_", ""));
    }

    double decimal(String name, double otherwise) {
        return Double.parseDouble(text(name, Double.toString(otherwise)));
    }

    boolean on(String name) {
        return Boolean.parseBoolean(text(name, "false"));
    }

    /** A comma-separated list of numbers, e.g. {@code 1000,2000,5k}. */
    List<Double> numbers(String name, String otherwise) {
        return Arrays.stream(text(name, otherwise).split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> s.endsWith("k") ? Double.parseDouble(s.substring(0, s.length() - 1)) * 1000 : Double.parseDouble(s))
                .toList();
    }

    /** A space-separated list of JVM options. */
    List<String> words(String name, String otherwise) {
        return Arrays.stream(text(name, otherwise).trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    }

    /** Refuses flags no one asked for. */
    void requireAllUsed() {
        Set<String> unknown = new HashSet<>(values.keySet());
        unknown.removeAll(used);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown flag(s) " + unknown.stream().map(s -> "--" + s).sorted().toList()
                    + "; known: " + used.stream().map(s -> "--" + s).sorted().toList());
        }
    }
}
