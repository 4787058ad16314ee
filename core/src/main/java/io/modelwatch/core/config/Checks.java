package io.modelwatch.core.config;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** The checks the configuration records run in their constructors; each names the key it refuses. */
final class Checks {

    private Checks() {
    }

    static <T> T required(String key, T value) {
        if (value == null) {
            throw ConfigException.invalid(key, "a value (the key is required)", "nothing");
        }
        return value;
    }

    /** A required non-blank string, such as a name. */
    static String name(String key, String value) {
        if (required(key, value).isBlank()) {
            throw ConfigException.invalid(key, "a non-empty string", "an empty string");
        }
        return value;
    }

    static double number(String key, double value, double min, double max) {
        if (!Double.isFinite(value)) {
            throw ConfigException.invalid(key, "a number", fmt(value));
        }
        if (value < min || value > max) {
            throw ConfigException.invalid(key, "a number in [" + fmt(min) + ", " + fmt(max) + "]", fmt(value));
        }
        return value;
    }

    /** An optional number ({@code null} passes) that is finite and not negative. */
    static Double nonNegative(String key, Double value) {
        if (value != null && !(value >= 0 && Double.isFinite(value))) {
            throw ConfigException.invalid(key, "a non-negative number", String.valueOf(value));
        }
        return value;
    }

    static int whole(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw ConfigException.invalid(key, "a whole number in [" + min + ", " + max + "]", Integer.toString(value));
        }
        return value;
    }

    /** An immutable copy of {@code values} (null: empty) whose entries are given once. */
    static List<String> distinct(String key, List<String> values) {
        List<String> copy = values == null ? List.of() : List.copyOf(values);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < copy.size(); i++) {
            if (!seen.add(copy.get(i))) {
                throw ConfigException.invalid(key + "[" + i + "]", "each value once", "'" + copy.get(i) + "' again");
            }
        }
        return copy;
    }

    /** Refuses the second item of {@code items} whose name an earlier one has. */
    static <T> void unique(String list, List<T> items, Function<T, String> name, String what) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String n = name.apply(items.get(i));
            if (!names.add(n)) {
                throw ConfigException.invalid(list + "[" + i + "].name", what + " used once", "'" + n + "' again");
            }
        }
    }

    /** A number as a reader writes it: whole numbers without a fraction. */
    static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
