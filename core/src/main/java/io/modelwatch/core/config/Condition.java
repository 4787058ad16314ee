package io.modelwatch.core.config;

import java.util.Arrays;
import java.util.List;

/** When an alert rule fires, written {@code below}, {@code above} or {@code abs_above} in the configuration. */
public enum Condition {
    /** {@code value < threshold}. */
    BELOW("<"),
    /** {@code value > threshold}. */
    ABOVE(">"),
    /** {@code |value| > threshold}. */
    ABS_ABOVE("|x| >");

    private final String symbol;

    Condition(String symbol) {
        this.symbol = symbol;
    }

    /** True when {@code value} crosses {@code threshold} this way. */
    public boolean fires(double value, double threshold) {
        return switch (this) {
            case BELOW -> value < threshold;
            case ABOVE -> value > threshold;
            case ABS_ABOVE -> Math.abs(value) > threshold;
        };
    }

    /** The comparison as an alert message shows it ({@code <}, {@code >}, {@code |x| >}). */
    public String symbol() {
        return symbol;
    }

    /** The name in the configuration ({@code abs_above}). */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The names in the configuration, in order. */
    public static List<String> keys() {
        return Arrays.stream(values()).map(Condition::key).toList();
    }

    /** The condition named {@code key} in the configuration, exactly ({@code below}, not {@code Below}). */
    public static Condition of(String key) {
        return Arrays.stream(values()).filter(c -> c.key().equals(key)).findFirst()
                .orElseThrow(() -> ConfigException.invalid("", "one of below, above, abs_above", "'" + key + "'"));
    }
}
