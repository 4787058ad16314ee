package io.modelwatch.core.config;

/**
 * A configuration file that cannot be used: bad YAML, an unknown key, a value of the wrong type or out
 * of range. The message names the file, the key path (for example {@code features[3].null_budget}) and
 * what was expected.
 */
public class ConfigException extends IllegalArgumentException {

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
