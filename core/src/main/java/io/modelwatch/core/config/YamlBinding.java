package io.modelwatch.core.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.modelwatch.core.drift.ColumnKind;

import java.io.IOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Binds a configuration tree to {@link MonitoringConfig} with Jackson, strictly: an unknown key, a value of another
 * type (no text read as a number, no fraction cut to a whole number, no boolean read as text) is refused, and every
 * refusal, Jackson's or a record constructor's, becomes a {@link ConfigException} naming the source and the key
 * path. A number in a list of strings is its text (the category {@code 3}); elsewhere a string is never a number.
 */
final class YamlBinding {

    private static final Pattern QUOTED = Pattern.compile("'([^']+)'");

    private static final PropertyNamingStrategies.NamingBase SNAKE_CASE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

    private static final ObjectMapper BINDER = binder();

    private YamlBinding() {
    }

    /** The configuration the tree holds; {@code source} names it in errors. */
    static MonitoringConfig bind(JsonNode tree, String source) {
        try {
            return BINDER.treeToValue(tree, MonitoringConfig.class);
        } catch (JsonMappingException e) {
            throw translate(e, tree, source);
        } catch (JsonProcessingException e) {
            throw new ConfigException(source + ": " + e.getOriginalMessage(), e);
        } catch (ConfigException e) {
            throw e.within(source, "");
        }
    }

    private static ConfigException translate(JsonMappingException e, JsonNode tree, String source) {
        String at = path(e.getPath());
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConfigException refused) {
                return refused.within(source, at);
            }
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return ConfigException.unknownKey(at, keys(unknown.getReferringClass())).within(source, "");
        }
        if (e.getCause() instanceof InputCoercionException tooLarge) {
            return ConfigException.invalid(at, expected(tooLarge.getTargetType()), describe(at(tree, e.getPath())))
                    .within(source, "");
        }
        if (e instanceof MismatchedInputException mismatch) {
            String message = e.getOriginalMessage();
            if (message.startsWith("Missing required creator property")) {
                Matcher key = QUOTED.matcher(message);
                String missing = key.find() ? key.group(1) : "";
                return ConfigException.invalid(at.endsWith(missing) ? at : at.isEmpty() ? missing : at + "." + missing,
                        "a value (the key is required)", "nothing").within(source, "");
            }
            return ConfigException.invalid(at, expected(mismatch.getTargetType()), describe(at(tree, e.getPath())))
                    .within(source, "");
        }
        return new ConfigException(source + ": " + at + ": " + e.getOriginalMessage(), e);
    }

    /** The keys of a record in the configuration, in the order of its components. */
    private static List<String> keys(Class<?> type) {
        if (type == null || !type.isRecord()) {
            return List.of();
        }
        return Arrays.stream(type.getRecordComponents()).map(c -> {
            JsonProperty named = c.getAccessor().getAnnotation(JsonProperty.class);
            return named != null && !named.value().isEmpty() ? named.value() : SNAKE_CASE.translate(c.getName());
        }).toList();
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "another value";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return "a number";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string (quote values such as \"true\" or \"null\")";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "a map of keys";
    }

    private static String path(List<JsonMappingException.Reference> refs) {
        StringBuilder s = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                s.append(s.isEmpty() ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                s.append('[').append(r.getIndex()).append(']');
            }
        }
        return s.toString();
    }

    private static JsonNode at(JsonNode tree, List<JsonMappingException.Reference> refs) {
        JsonNode node = tree;
        for (JsonMappingException.Reference r : refs) {
            if (node == null) {
                return null;
            }
            node = r.getFieldName() != null ? node.get(r.getFieldName()) : node.get(r.getIndex());
        }
        return node;
    }

    /** A value as an error message shows it. */
    static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isNull()) {
            return "null";
        }
        if (node.isTextual()) {
            return "the text '" + node.asText() + "'";
        }
        if (node.isBoolean()) {
            return node.asText() + " (a boolean)";
        }
        if (node.isNumber()) {
            return node.asText();
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isObject()) {
            return "a map";
        }
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static ObjectMapper binder() {
        SimpleModule keywords = new SimpleModule("monitoring-keywords")
                .addDeserializer(ColumnKind.class, keyword(ColumnKind.class, "numeric or categorical",
                        Map.of("numeric", ColumnKind.NUMERIC, "categorical", ColumnKind.CATEGORICAL)::get))
                .addDeserializer(Severity.class, keyword(Severity.class, "one of " + List.of(Severity.values()),
                        text -> upperCase(Severity.class, text)))
                .addDeserializer(CheckSeverity.class, keyword(CheckSeverity.class, "one of "
                        + List.of(CheckSeverity.values()), text -> upperCase(CheckSeverity.class, text)))
                .addDeserializer(Condition.class, keyword(Condition.class, "one of below, above, abs_above",
                        text -> Condition.keys().contains(text) ? Condition.of(text) : null))
                .addDeserializer(String.class, new StdScalarDeserializer<>(String.class) {
                    @Override
                    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                        // a number in a list is its text (the category 3 is "3"); a name is never a number
                        if (p.currentToken() == JsonToken.VALUE_STRING
                                || (p.currentToken().isNumeric() && p.getParsingContext().inArray())) {
                            return p.getText();
                        }
                        throw ConfigException.invalid("", p.getParsingContext().inArray()
                                ? "a string (quote values such as \"true\" or \"null\")" : "a string",
                                describe(ctxt.readTree(p)));
                    }
                });
        return JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .addModule(keywords)
                .build();
    }

    private static <E extends Enum<E>> E upperCase(Class<E> type, String text) {
        String upper = text.trim().toUpperCase(Locale.ROOT);
        for (E value : type.getEnumConstants()) {
            if (value.name().equals(upper)) {
                return value;
            }
        }
        return null;
    }

    /** Reads a keyword with {@code parse} (null: not a keyword), refusing anything else with {@code expected}. */
    private static <E> StdScalarDeserializer<E> keyword(Class<E> type, String expected, Function<String, E> parse) {
        return new StdScalarDeserializer<>(type) {
            @Override
            public E deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                JsonNode node = ctxt.readTree(p);
                E value = node.isTextual() ? parse.apply(node.asText()) : null;
                if (value == null) {
                    throw ConfigException.invalid("", expected,
                            node.isTextual() ? "'" + node.asText() + "'" : describe(node));
                }
                return value;
            }
        };
    }
}
