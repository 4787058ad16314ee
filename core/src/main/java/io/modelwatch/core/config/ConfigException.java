package io.modelwatch.core.config;

/**
 * A configuration that cannot be used: bad YAML, an unknown key, a value of the wrong type or out of range. The
 * message names the file, the key path (for example {@code features[3].null_budget}) and what was expected.
 *
 * <p>A record of this package refuses a bad value in its constructor with the key path inside the record
 * ({@link #invalid}); {@link ConfigLoader} puts the file and the path of the record in front ({@link #within}), so
 * a configuration built in code is checked exactly as one read from a file.
 */
public class ConfigException extends IllegalArgumentException {

    /** The key path inside the record that refused the value, empty for the value itself. */
    private final String path;
    /** What was expected and what was given, without the path. */
    private final String detail;

    public ConfigException(String message) {
        this(message, (Throwable) null);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
        this.path = "";
        this.detail = message;
    }

    private ConfigException(String path, String detail, Throwable cause) {
        super(path.isEmpty() ? detail : path + ": " + detail, cause);
        this.path = path;
        this.detail = detail;
    }

    /**
     * A refused value.
     *
     * @param path     the key path inside the record ({@code null_budget}, {@code segments[2].column}), or empty
     * @param expected what a valid value is ({@code a number in [0, 1]})
     * @param got      the value given, described for the reader ({@code 1.5}, {@code 'text'}, {@code nothing})
     */
    public static ConfigException invalid(String path, String expected, String got) {
        return new ConfigException(path, "expected " + expected + ", got " + got, null);
    }

    /** An unknown key at {@code path}. */
    static ConfigException unknownKey(String path, Iterable<?> valid) {
        return new ConfigException(path, "unknown key; valid keys here are " + valid, null);
    }

    /** This error seen from {@code source}, inside the record at {@code outer} (a key path, may be empty). */
    public ConfigException within(String source, String outer) {
        String full = outer.isEmpty() ? path : path.isEmpty() ? outer : path.startsWith("[") ? outer + path
                : outer + "." + path;
        return new ConfigException(source + ": " + (full.isEmpty() ? "" : full + ": ") + detail, this);
    }
}
