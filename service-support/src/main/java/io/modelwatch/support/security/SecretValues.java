package io.modelwatch.support.security;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.Config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

/**
 * The secret values of this service's configuration (passwords, API keys, webhook URLs, tokens), so that text about to
 * be logged or served ({@code /status}'s last failure, a notification's failure reason) can have them cut out. A value
 * is secret when its property name says so; list values (the API keys) count element by element.
 */
@ApplicationScoped
public class SecretValues {

    /** Stands for a secret in redacted text. */
    public static final String MASK = "****";
    /** Property names whose values are secrets. */
    static final Pattern SECRET_NAME = Pattern.compile(
            ".*(password|secret|token|webhook|api-key|api_key|apikey|auth\\.admin-keys|auth\\.reader-keys|auth\\.client-key"
                    + "|credentials).*");
    /** Shorter values are not cut (they would match everywhere and say nothing). */
    static final int MIN_LENGTH = 6;

    private final List<String> values;

    public SecretValues(Config config) {
        List<String> found = new ArrayList<>();
        for (String name : StreamSupport.stream(config.getPropertyNames().spliterator(), false).toList()) {
            String normalised = name.toLowerCase(Locale.ROOT).replace('_', '.');
            if (!SECRET_NAME.matcher(normalised).matches() && !SECRET_NAME.matcher(name.toLowerCase(Locale.ROOT)).matches()) {
                continue;
            }
            String value;
            try {
                value = config.getOptionalValue(name, String.class).orElse(null);
            } catch (RuntimeException e) {
                continue;   // a value that cannot be expanded is no value to hide
            }
            if (value == null) {
                continue;
            }
            found.add(value.trim());
            Arrays.stream(value.split(",")).map(String::trim).forEach(found::add);
        }
        this.values = found.stream().filter(v -> v.length() >= MIN_LENGTH).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    /** The text with every secret value replaced by {@value #MASK}. */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String v : values) {
            if (out.contains(v)) {
                out = out.replace(v, MASK);
            }
        }
        return out;
    }
}
