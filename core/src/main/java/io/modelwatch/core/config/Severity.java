package io.modelwatch.core.config;

/** Alert grades, most severe first. */
public enum Severity {
    HIGH,
    MEDIUM,
    LOW;

    /** True when this severity is at least as severe as {@code other}. */
    public boolean atLeast(Severity other) {
        return ordinal() <= other.ordinal();
    }

    /** Parses {@code HIGH}/{@code MEDIUM}/{@code LOW} case-insensitively. */
    public static Severity parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("severity must be one of HIGH, MEDIUM, LOW, got '" + text + "'");
        }
    }
}
