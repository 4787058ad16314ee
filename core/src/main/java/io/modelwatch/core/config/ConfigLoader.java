package io.modelwatch.core.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code monitoring.yaml} into a {@link MonitoringConfig}; every key is documented in
 * {@code docs/configuration.md}.
 *
 * <p>Keys are snake_case. A section or key left out falls back to the built-in default
 * ({@link #defaults()}): top-level keys and the keys of every section one by one (the nested
 * {@code anomaly.isolation_forest} too), the lists {@code features}, {@code segments} and {@code alert_rules} as a
 * whole; a feature without {@code null_budget} takes {@code quality.default_null_budget}. Of the default segments,
 * only those whose column is one of the configuration's features (numeric for bands, categorical otherwise) are
 * kept, so a configuration of another table need not switch them off. A key given as {@code null} or with nothing
 * after it counts as left out.
 *
 * <p>The tree so completed is bound by Jackson to the configuration records ({@link YamlBinding}), whose
 * constructors check every value. Validation is strict: an unknown key, a value of the wrong type or out of range, a
 * duplicate name, a segment or rule naming an unknown column, or an unknown drift test is a {@link ConfigException}
 * whose message names the file, the key path and what was expected.
 */
public final class ConfigLoader {

    /**
     * Classpath resource (next to this class) holding the built-in default configuration: core's build packs
     * {@code k8s/base/monitoring.yaml}, the file the Kubernetes deployment mounts, so both are one file.
     */
    public static final String DEFAULT_RESOURCE = "monitoring.yaml";

    /** The top-level sections in the order they are checked, so the first error is the one a reader expects. */
    private static final List<String> CHECK_ORDER = List.of("model_id", "classification_threshold",
            "segment_min_churners", "quality", "roles", "features", "segments", "drift", "alert_rules", "importance",
            "anomaly", "labels", "notifications", "noise_bands");

    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            // "Yes"/"No"/"On" stay strings (categories), only true/false are booleans.
            .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
            .build()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION));

    private static final ObjectNode DEFAULT_TREE = loadDefaultTree();
    private static final MonitoringConfig DEFAULTS = YamlBinding.bind(complete(DEFAULT_TREE, false), defaultSource());

    private ConfigLoader() {
    }

    /** The built-in default churn configuration (from {@value #DEFAULT_RESOURCE}). */
    public static MonitoringConfig defaults() {
        return DEFAULTS;
    }

    /**
     * Reads a configuration file.
     *
     * @throws ConfigException when the file is missing, unreadable, not YAML, or not a valid configuration
     */
    public static MonitoringConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such configuration file");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read the configuration: " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    /**
     * Reads a configuration from YAML text.
     *
     * @param yaml   the YAML document
     * @param source where it came from, used in error messages (for example the file name)
     * @throws ConfigException when the text is not YAML or not a valid configuration
     */
    public static MonitoringConfig parse(String yaml, String source) {
        JsonNode root = readTree(yaml, source);
        if (root == null || root.isNull() || root.isMissingNode()) {
            return DEFAULTS;
        }
        if (!root.isObject()) {
            throw new ConfigException(source + ": expected a map of configuration sections at the top level, got "
                    + YamlBinding.describe(root));
        }
        boolean defaultSegments = isAbsent(root.get("segments"));
        return YamlBinding.bind(complete(withDefaults((ObjectNode) root), defaultSegments), source);
    }

    /** The user's tree with left-out sections and keys taken from the default tree. */
    private static ObjectNode withDefaults(ObjectNode user) {
        ObjectNode merged = user.deepCopy();
        for (Iterator<Map.Entry<String, JsonNode>> it = DEFAULT_TREE.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> section = it.next();
            JsonNode given = merged.get(section.getKey());
            if (isAbsent(given)) {
                merged.set(section.getKey(), section.getValue().deepCopy());
            } else if (section.getValue().isObject() && given.isObject()) {
                mergeKeys((ObjectNode) given, (ObjectNode) section.getValue());
            }
        }
        return merged;
    }

    /** Keys of {@code defaults} that {@code given} leaves out; a nested section is merged key by key too. */
    private static void mergeKeys(ObjectNode given, ObjectNode defaults) {
        defaults.fields().forEachRemaining(key -> {
            JsonNode givenKey = given.get(key.getKey());
            if (givenKey == null || (key.getValue().isObject() && isAbsent(givenKey))) {
                given.set(key.getKey(), key.getValue().deepCopy());
            } else if (key.getValue().isObject() && givenKey.isObject()) {
                mergeKeys((ObjectNode) givenKey, (ObjectNode) key.getValue());
            }
        });
    }

    /**
     * The merged tree as the records take it: keys with nothing after them as {@code null}, each feature's null
     * budget given, the default segments of absent columns left out, the sections in {@link #CHECK_ORDER} (unknown
     * keys first).
     */
    private static ObjectNode complete(ObjectNode merged, boolean defaultSegments) {
        ObjectNode tree = (ObjectNode) emptyAsNull(merged.deepCopy());
        JsonNode budget = tree.path("quality").path("default_null_budget");
        JsonNode features = tree.get("features");
        if (features != null && features.isArray()) {
            features.forEach(f -> {
                if (f.isObject() && isAbsent(f.get("null_budget"))) {
                    ((ObjectNode) f).set("null_budget", budget.isMissingNode() ? NullNode.getInstance() : budget);
                }
            });
        }
        if (defaultSegments && tree.get("segments") instanceof ArrayNode segments) {
            List<JsonNode> kept = new ArrayList<>();
            segments.forEach(s -> {
                if (hasFeature(features, s.path("column").asText(), isAbsent(s.get("bands")) ? "categorical" : "numeric")) {
                    kept.add(s);
                }
            });
            segments.removeAll().addAll(kept);
        }
        ObjectNode ordered = tree.objectNode();
        tree.fieldNames().forEachRemaining(key -> {
            if (!CHECK_ORDER.contains(key)) {
                ordered.set(key, tree.get(key));
            }
        });
        CHECK_ORDER.stream().filter(tree::has).forEach(key -> ordered.set(key, tree.get(key)));
        return ordered;
    }

    /** A default segment is kept when its column is a feature of the kind it needs (as inference does). */
    private static boolean hasFeature(JsonNode features, String column, String kind) {
        if (features == null || !features.isArray()) {
            return false;
        }
        for (JsonNode f : features) {
            if (column.equals(f.path("name").asText(null)) && kind.equals(f.path("kind").asText(null))) {
                return true;
            }
        }
        return false;
    }

    /** Every key given nothing ({@code key:}, which the YAML parser reports as an empty string) as {@code null}. */
    private static JsonNode emptyAsNull(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> keys = new ArrayList<>();
            object.fieldNames().forEachRemaining(keys::add);
            for (String key : keys) {
                JsonNode value = object.get(key);
                object.set(key, isAbsent(value) ? NullNode.getInstance() : emptyAsNull(value));
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(ConfigLoader::emptyAsNull);
        }
        return node;
    }

    /**
     * True for a key left out, set to {@code null}, or given nothing ({@code key:} with no value, which the
     * YAML parser reports as an empty string).
     */
    static boolean isAbsent(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() || (node.isTextual() && node.asText().isEmpty());
    }

    private static JsonNode readTree(String yaml, String source) {
        try {
            return YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            throw new ConfigException(source + ": not valid YAML" + where + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String defaultSource() {
        return "built-in " + DEFAULT_RESOURCE;
    }

    private static ObjectNode loadDefaultTree() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + DEFAULT_RESOURCE + " is missing from the classpath");
            }
            return (ObjectNode) readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8), defaultSource());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
