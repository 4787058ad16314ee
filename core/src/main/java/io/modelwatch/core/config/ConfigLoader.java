package io.modelwatch.core.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.modelwatch.core.drift.ColumnKind;
import io.modelwatch.core.drift.DriftTest;
import io.modelwatch.core.drift.StatTestRegistry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code monitoring.yaml} into a {@link MonitoringConfig}; every key is documented in
 * {@code docs/configuration.md}.
 *
 * <p>Keys are snake_case. A section or key left out falls back to the built-in default
 * ({@link #defaults()}): top-level keys and the keys of {@code roles}, {@code drift} and {@code quality}
 * one by one, the lists {@code features}, {@code segments} and {@code alert_rules} as a whole; of the default
 * segments, only those whose column is one of the configuration's features (numeric for bands, categorical
 * otherwise) are kept, so a configuration of another table need not switch them off. A section
 * given as {@code null} (a key with nothing after it) counts as left out.
 *
 * <p>Validation is strict: an unknown key, a value of the wrong type or out of range, a duplicate name,
 * a segment or rule naming an unknown column, or an unknown drift test is a {@link ConfigException}
 * whose message names the file, the key path and what was expected.
 */
public final class ConfigLoader {

    /**
     * Classpath resource (next to this class) holding the built-in default configuration: core's build packs
     * {@code k8s/base/monitoring.yaml}, the file the Kubernetes deployment mounts, so both are one file.
     */
    public static final String DEFAULT_RESOURCE = "monitoring.yaml";

    static final Set<String> CONDITIONS = Set.of("below", "above", "abs_above");
    static final List<String> RULE_SEVERITIES = List.of("HIGH", "MEDIUM", "LOW");
    static final List<String> QUALITY_SEVERITIES = List.of("HIGH", "MEDIUM", "LOW", QualitySettings.NONE);
    static final List<String> SCOPE_KEYWORDS = List.of("any", "features", "dataset", "segments");

    private static final List<String> TOP_KEYS = List.of("model_id", "classification_threshold",
            "segment_min_churners", "roles", "features", "segments", "drift", "quality", "alert_rules", "importance", "anomaly", "labels",
            "notifications", "noise_bands");
    private static final List<String> ROLE_KEYS = List.of("id", "timestamp", "probability", "predicted_class",
            "target", "label_date");
    private static final List<String> FEATURE_KEYS = List.of("name", "kind", "min", "max", "allowed_values",
            "null_budget", "drift_test", "drift_threshold");
    private static final List<String> SEGMENT_KEYS = List.of("name", "column", "bands");
    private static final List<String> DRIFT_KEYS = List.of("method", "threshold", "drift_share", "psi_bins",
            "psi_epsilon", "mann_whitney_two_sided");
    private static final List<String> QUALITY_KEYS = List.of("default_null_budget", "null_budget_severity",
            "duplicate_id_severity", "missing_column_severity", "unparseable_severity", "out_of_range_severity",
            "unknown_category_severity", "required_null_severity", "unexpected_column_severity",
            "no_values_severity");
    private static final List<String> RULE_KEYS = List.of("name", "category", "metric", "scope", "condition",
            "threshold", "severity", "band_sigma");
    private static final List<String> NOISE_BAND_KEYS = List.of("sigma", "bootstrap_replicates", "seed");
    private static final List<String> IMPORTANCE_KEYS = List.of("min_reference_iv", "min_abs_woe");
    private static final List<String> ANOMALY_KEYS = List.of("window", "threshold", "min_history",
            "min_relative_mad", "severity", "categories", "isolation_forest");
    private static final List<String> ISOLATION_FOREST_KEYS = List.of("enabled", "window", "min_history",
            "n_estimators", "max_samples", "seed", "alert_quantile", "min_score", "severity", "top_contributors",
            "metrics");
    /** A metric selector of the isolation forest: {@code category/name}, optionally {@code :max} or {@code :mean}. */
    private static final java.util.regex.Pattern METRIC_SELECTOR = java.util.regex.Pattern.compile(
            "[a-z_]+/[a-z0-9_]+(:(max|mean))?");
    private static final List<String> LABEL_KEYS = List.of("min_coverage", "lag_days");
    private static final List<String> NOTIFICATION_KEYS = List.of("slack_webhook_env", "slack_channel", "email_high",
            "email_medium", "email_low");
    private static final List<String> MERGED_BY_KEY = List.of("roles", "drift", "quality", "importance", "anomaly",
            "labels", "notifications", "noise_bands");
    private static final java.util.regex.Pattern WEBHOOK_ENV = java.util.regex.Pattern.compile(
            java.util.regex.Pattern.quote(NotificationSettings.WEBHOOK_ENV_PREFIX) + "[A-Z0-9_]+");
    private static final java.util.regex.Pattern EMAIL = java.util.regex.Pattern.compile("[^@\\s,;<>]+@[^@\\s,;<>]+");

    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            // "Yes"/"No"/"On" stay strings (categories), only true/false are booleans.
            .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
            .build()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION));

    private static final ObjectNode DEFAULT_TREE = loadDefaultTree();
    private static final MonitoringConfig DEFAULTS = new Reader(defaultSource(), StatTestRegistry.defaults(), false)
            .config(DEFAULT_TREE);

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
                    + Reader.describe(root));
        }
        boolean defaultSegments = isAbsent(root.get("segments"));
        return new Reader(source, StatTestRegistry.defaults(), defaultSegments).config(withDefaults((ObjectNode) root));
    }

    /** The user's tree with left-out sections and keys taken from the default tree. */
    private static ObjectNode withDefaults(ObjectNode user) {
        ObjectNode merged = user.deepCopy();
        for (Iterator<Map.Entry<String, JsonNode>> it = DEFAULT_TREE.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> section = it.next();
            JsonNode given = merged.get(section.getKey());
            if (isAbsent(given)) {
                merged.set(section.getKey(), section.getValue().deepCopy());
            } else if (MERGED_BY_KEY.contains(section.getKey()) && given.isObject()) {
                ObjectNode givenSection = (ObjectNode) given;
                section.getValue().fields().forEachRemaining(key -> {
                    JsonNode givenKey = givenSection.get(key.getKey());
                    if (givenKey == null) {
                        givenSection.set(key.getKey(), key.getValue().deepCopy());
                    } else if (key.getValue().isObject() && isAbsent(givenKey)) {
                        givenSection.set(key.getKey(), key.getValue().deepCopy());
                    } else if (key.getValue().isObject() && givenKey.isObject()) {
                        // a nested section (anomaly.isolation_forest) is merged key by key too
                        ObjectNode nested = (ObjectNode) givenKey;
                        key.getValue().fields().forEachRemaining(inner -> {
                            if (!nested.has(inner.getKey())) {
                                nested.set(inner.getKey(), inner.getValue().deepCopy());
                            }
                        });
                    }
                });
            }
        }
        return merged;
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
            JsonNode tree = readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8), defaultSource());
            return (ObjectNode) tree;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Walks one configuration tree, keeping the file name for errors. */
    private static final class Reader {
        private final String source;
        private final StatTestRegistry registry;
        /** The segments were left out: keep the default ones whose column is a feature of the right kind. */
        private final boolean defaultSegments;

        Reader(String source, StatTestRegistry registry, boolean defaultSegments) {
            this.source = source;
            this.registry = registry;
            this.defaultSegments = defaultSegments;
        }

        MonitoringConfig config(ObjectNode root) {
            keys(root, "", TOP_KEYS);
            String modelId = name(root, "model_id", "");
            double threshold = number(root, "classification_threshold", "", 0, 1);
            int minChurners = integer(root, "segment_min_churners", "", 0, Integer.MAX_VALUE);
            QualitySettings quality = quality(object(root.get("quality"), "quality"));
            ColumnRoles roles = roles(object(root.get("roles"), "roles"));
            List<FeatureSpec> features = features(root.get("features"), quality.defaultNullBudget(), roles);
            List<SegmentSpec> segments = segments(root.get("segments"), features, roles);
            DriftSettings drift = drift(object(root.get("drift"), "drift"));
            List<AlertRuleSpec> rules = alertRules(root.get("alert_rules"), features, roles, segments);
            ImportanceSettings importance = importance(object(root.get("importance"), "importance"));
            AnomalySettings anomaly = anomaly(object(root.get("anomaly"), "anomaly"));
            LabelSettings labels = labels(object(root.get("labels"), "labels"));
            NotificationSettings notifications = notifications(object(root.get("notifications"), "notifications"));
            NoiseBandSettings bands = noiseBands(object(root.get("noise_bands"), "noise_bands"));
            return new MonitoringConfig(modelId, roles, features, segments, drift, quality, rules, threshold,
                    minChurners, importance, anomaly, labels, notifications, bands);
        }

        private NoiseBandSettings noiseBands(ObjectNode node) {
            keys(node, "noise_bands", NOISE_BAND_KEYS);
            JsonNode seed = required(node, "seed", "noise_bands");
            if (!seed.isIntegralNumber() || !seed.canConvertToLong()) {
                throw fail("noise_bands.seed", "a whole number", describe(seed));
            }
            return new NoiseBandSettings(number(node, "sigma", "noise_bands", 0, 100),
                    integer(node, "bootstrap_replicates", "noise_bands", 2, 100_000), seed.asLong());
        }

        /** Every key may be null (the deployment's setting); a webhook is named by its variable, never given. */
        private NotificationSettings notifications(ObjectNode node) {
            keys(node, "notifications", NOTIFICATION_KEYS);
            String webhookEnv = null;
            if (!isAbsent(node.get("slack_webhook_env"))) {
                String name = text(node, "slack_webhook_env", "notifications", "an environment variable name");
                if (name.contains("://") || name.regionMatches(true, 0, "http", 0, 4)) {
                    // never echo the value: it is a webhook URL, a secret
                    throw fail("notifications.slack_webhook_env", "the name of the environment variable (or Secret key)"
                            + " holding the webhook URL, never the URL itself (it is a secret)", "a URL (not shown)");
                }
                if (!WEBHOOK_ENV.matcher(name).matches()) {
                    throw fail("notifications.slack_webhook_env", "an environment variable name starting with "
                            + NotificationSettings.WEBHOOK_ENV_PREFIX + " (upper-case letters, digits, _)", "'" + name + "'");
                }
                webhookEnv = name;
            }
            String channel = null;
            if (!isAbsent(node.get("slack_channel"))) {
                channel = name(node, "slack_channel", "notifications");
                if (channel.chars().anyMatch(Character::isWhitespace)) {
                    throw fail("notifications.slack_channel", "a channel name without spaces (#alerts)", "'" + channel + "'");
                }
            }
            return new NotificationSettings(webhookEnv, channel, emails(node, "email_high"), emails(node, "email_medium"),
                    emails(node, "email_low"));
        }

        private List<String> emails(ObjectNode node, String key) {
            JsonNode value = node.get(key);
            if (isAbsent(value)) {
                return null;
            }
            String at = path("notifications", key);
            List<String> addresses = strings(value, at);
            for (int i = 0; i < addresses.size(); i++) {
                if (!EMAIL.matcher(addresses.get(i)).matches()) {
                    throw fail(at + "[" + i + "]", "an email address (name@domain)", "'" + addresses.get(i) + "'");
                }
            }
            return addresses;
        }

        private LabelSettings labels(ObjectNode node) {
            keys(node, "labels", LABEL_KEYS);
            return new LabelSettings(number(node, "min_coverage", "labels", 0, 1),
                    integer(node, "lag_days", "labels", 0, 3650));
        }

        private AnomalySettings anomaly(ObjectNode node) {
            keys(node, "anomaly", ANOMALY_KEYS);
            return new AnomalySettings(integer(node, "window", "anomaly", 2, 10_000),
                    number(node, "threshold", "anomaly", 0, Double.MAX_VALUE),
                    integer(node, "min_history", "anomaly", 2, 10_000),
                    number(node, "min_relative_mad", "anomaly", 0, Double.MAX_VALUE),
                    severity(node, "severity", "anomaly", QUALITY_SEVERITIES),
                    strings(node.get("categories"), "anomaly.categories"),
                    isolationForest(object(node.get("isolation_forest"), "anomaly.isolation_forest")));
        }

        private IsolationForestSettings isolationForest(ObjectNode node) {
            String at = "anomaly.isolation_forest";
            keys(node, at, ISOLATION_FOREST_KEYS);
            int window = integer(node, "window", at, 2, 10_000);
            // 3: the threshold's cross-validation grows each fold's forest on at least 2 runs
            int minHistory = integer(node, "min_history", at, 3, 10_000);
            if (minHistory > window) {
                throw fail(path(at, "min_history"), "a whole number <= window (" + window + ")",
                        Integer.toString(minHistory));
            }
            List<String> metrics = strings(node.get("metrics"), path(at, "metrics"));
            if (metrics.isEmpty()) {
                throw fail(path(at, "metrics"), "at least one metric", "an empty list");
            }
            for (int i = 0; i < metrics.size(); i++) {
                String m = metrics.get(i);
                if (!METRIC_SELECTOR.matcher(m).matches() || m.startsWith("anomaly/")) {
                    throw fail(path(at, "metrics") + "[" + i + "]", "category/name or category/name:max|mean "
                            + "(for example psi/psi, performance/recall, quality/null_share:max; not an anomaly row)",
                            "'" + m + "'");
                }
            }
            return new IsolationForestSettings(bool(node, "enabled", at), window, minHistory,
                    integer(node, "n_estimators", at, 1, 10_000),
                    integer(node, "max_samples", at, 2, 100_000),
                    integer(node, "seed", at, 0, Integer.MAX_VALUE),
                    number(node, "alert_quantile", at, 0.5, 1),
                    number(node, "min_score", at, 0, 1),
                    severity(node, "severity", at, QUALITY_SEVERITIES),
                    integer(node, "top_contributors", at, 1, 100),
                    metrics);
        }

        private ImportanceSettings importance(ObjectNode node) {
            keys(node, "importance", IMPORTANCE_KEYS);
            return new ImportanceSettings(number(node, "min_reference_iv", "importance", 0, Double.MAX_VALUE),
                    number(node, "min_abs_woe", "importance", 0, Double.MAX_VALUE));
        }

        private QualitySettings quality(ObjectNode node) {
            keys(node, "quality", QUALITY_KEYS);
            return new QualitySettings(
                    number(node, "default_null_budget", "quality", 0, 1),
                    severity(node, "null_budget_severity", "quality", QUALITY_SEVERITIES),
                    severity(node, "duplicate_id_severity", "quality", QUALITY_SEVERITIES),
                    severity(node, "missing_column_severity", "quality", QUALITY_SEVERITIES),
                    severity(node, "unparseable_severity", "quality", QUALITY_SEVERITIES),
                    severity(node, "out_of_range_severity", "quality", QUALITY_SEVERITIES),
                    severity(node, "unknown_category_severity", "quality", QUALITY_SEVERITIES),
                    severity(node, "required_null_severity", "quality", QUALITY_SEVERITIES),
                    severity(node, "unexpected_column_severity", "quality", QUALITY_SEVERITIES),
                    severity(node, "no_values_severity", "quality", QUALITY_SEVERITIES));
        }

        private ColumnRoles roles(ObjectNode node) {
            keys(node, "roles", ROLE_KEYS);
            ColumnRoles roles = new ColumnRoles(name(node, "id", "roles"), name(node, "timestamp", "roles"),
                    name(node, "probability", "roles"), name(node, "predicted_class", "roles"),
                    name(node, "target", "roles"), name(node, "label_date", "roles"));
            Set<String> seen = new HashSet<>();
            for (String key : ROLE_KEYS) {
                String column = node.get(key).asText();
                if (!seen.add(column)) {
                    throw fail(path("roles", key), "a column not used by another role", "'" + column + "' twice");
                }
            }
            return roles;
        }

        private List<FeatureSpec> features(JsonNode node, double defaultNullBudget, ColumnRoles roles) {
            List<JsonNode> items = list(node, "features");
            if (items.isEmpty()) {
                throw fail("features", "at least one feature", "an empty list");
            }
            Set<String> roleColumns = roleColumns(roles);
            Set<String> names = new HashSet<>();
            List<FeatureSpec> features = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                String at = "features[" + i + "]";
                ObjectNode f = object(items.get(i), at);
                keys(f, at, FEATURE_KEYS);
                String name = name(f, "name", at);
                if (!names.add(name)) {
                    throw fail(path(at, "name"), "a feature name used once", "'" + name + "' again");
                }
                if (roleColumns.contains(name)) {
                    throw fail(path(at, "name"), "a column that is not a role column", "'" + name + "'");
                }
                ColumnKind kind = kind(f, at);
                Double min = optionalNumber(f, "min", at);
                Double max = optionalNumber(f, "max", at);
                List<String> allowed = !isAbsent(f.get("allowed_values"))
                        ? strings(f.get("allowed_values"), path(at, "allowed_values")) : List.of();
                if (kind == ColumnKind.NUMERIC && !allowed.isEmpty()) {
                    throw fail(path(at, "allowed_values"), "no allowed_values on a numeric feature (use min and max)",
                            allowed.toString());
                }
                if (kind == ColumnKind.CATEGORICAL && (min != null || max != null)) {
                    throw fail(path(at, min != null ? "min" : "max"),
                            "no min or max on a categorical feature (use allowed_values)",
                            String.valueOf(min != null ? min : max));
                }
                if (min != null && max != null && min > max) {
                    throw fail(path(at, "max"), "a value >= min (" + min + ")", String.valueOf(max));
                }
                double nullBudget = !isAbsent(f.get("null_budget"))
                        ? number(f, "null_budget", at, 0, 1) : defaultNullBudget;
                String driftTest = !isAbsent(f.get("drift_test"))
                        ? driftTest(f, "drift_test", at, kind) : null;
                Double driftThreshold = optionalNumber(f, "drift_threshold", at);
                if (driftThreshold != null && !(driftThreshold >= 0)) {
                    throw fail(path(at, "drift_threshold"), "a non-negative number", String.valueOf(driftThreshold));
                }
                features.add(new FeatureSpec(name, kind, min, max, allowed, nullBudget, driftTest, driftThreshold));
            }
            return features;
        }

        private ColumnKind kind(ObjectNode f, String at) {
            String kind = text(f, "kind", at, "numeric or categorical");
            return switch (kind) {
                case "numeric" -> ColumnKind.NUMERIC;
                case "categorical" -> ColumnKind.CATEGORICAL;
                default -> throw fail(path(at, "kind"), "numeric or categorical", "'" + kind + "'");
            };
        }

        private List<SegmentSpec> segments(JsonNode node, List<FeatureSpec> features, ColumnRoles roles) {
            List<JsonNode> items = list(node, "segments");
            Set<String> names = new HashSet<>();
            List<SegmentSpec> segments = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                String at = "segments[" + i + "]";
                ObjectNode s = object(items.get(i), at);
                keys(s, at, SEGMENT_KEYS);
                String name = name(s, "name", at);
                if (!names.add(name)) {
                    throw fail(path(at, "name"), "a segment name used once", "'" + name + "' again");
                }
                String column = name(s, "column", at);
                FeatureSpec feature = features.stream().filter(f -> f.name().equals(column)).findFirst().orElse(null);
                if (defaultSegments && (feature == null || feature.isNumeric() == isAbsent(s.get("bands")))) {
                    continue; // a default segment of a column this configuration does not have (as inference does)
                }
                if (feature == null) {
                    throw fail(path(at, "column"), "one of the features " + names(features), "'" + column + "'");
                }
                List<Double> bands = new ArrayList<>();
                if (!isAbsent(s.get("bands"))) {
                    List<JsonNode> edges = list(s.get("bands"), path(at, "bands"));
                    for (int j = 0; j < edges.size(); j++) {
                        String edgeAt = path(at, "bands") + "[" + j + "]";
                        double edge = finite(edges.get(j), edgeAt);
                        if (!bands.isEmpty() && edge <= bands.get(bands.size() - 1)) {
                            throw fail(edgeAt, "band edges in strictly ascending order, above "
                                    + fmt(bands.get(bands.size() - 1)), fmt(edge));
                        }
                        bands.add(edge);
                    }
                    if (bands.size() < 2) {
                        throw fail(path(at, "bands"), "at least two band edges", bands.toString());
                    }
                    if (!feature.isNumeric()) {
                        throw fail(path(at, "bands"), "bands only on a numeric feature; '" + column
                                + "' is categorical (leave bands out)", bands.toString());
                    }
                } else if (feature.isNumeric()) {
                    throw fail(path(at, "bands"), "band edges for the numeric feature '" + column + "'", "nothing");
                }
                segments.add(new SegmentSpec(name, column, bands));
            }
            return segments;
        }

        private DriftSettings drift(ObjectNode node) {
            keys(node, "drift", DRIFT_KEYS);
            String method = text(node, "method", "drift", "auto or a drift test name");
            if (!method.equals(DriftSettings.AUTO) && !registry.names().contains(method)) {
                throw fail("drift.method", "auto or one of " + registry.names(), "'" + method + "'");
            }
            Double threshold = optionalNumber(node, "threshold", "drift");
            if (threshold != null && !(threshold >= 0)) {
                throw fail("drift.threshold", "a non-negative number or null", String.valueOf(threshold));
            }
            double share = number(node, "drift_share", "drift", 0, 1);
            if (share == 0) {
                throw fail("drift.drift_share", "a share in (0, 1]", "0");
            }
            int bins = integer(node, "psi_bins", "drift", 2, 1000);
            double epsilon = number(node, "psi_epsilon", "drift", 0, 1);
            if (epsilon == 0 || epsilon >= 1) {
                throw fail("drift.psi_epsilon", "a share in (0, 1)", String.valueOf(epsilon));
            }
            boolean twoSided = bool(node, "mann_whitney_two_sided", "drift");
            return new DriftSettings(method, threshold, share, bins, epsilon, twoSided);
        }

        private List<AlertRuleSpec> alertRules(JsonNode node, List<FeatureSpec> features, ColumnRoles roles,
                                               List<SegmentSpec> segments) {
            List<JsonNode> items = list(node, "alert_rules");
            Set<String> scopes = new LinkedHashSet<>(SCOPE_KEYWORDS);
            features.forEach(f -> scopes.add(f.name()));
            scopes.addAll(roleColumns(roles));
            segments.forEach(s -> scopes.add(s.name()));
            Set<String> names = new HashSet<>();
            List<AlertRuleSpec> rules = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                String at = "alert_rules[" + i + "]";
                ObjectNode r = object(items.get(i), at);
                keys(r, at, RULE_KEYS);
                String name = name(r, "name", at);
                if (!names.add(name)) {
                    throw fail(path(at, "name"), "a rule name used once", "'" + name + "' again");
                }
                String category = name(r, "category", at);
                String metric = name(r, "metric", at);
                String scope = name(r, "scope", at);
                if (!scopes.contains(scope)) {
                    throw fail(path(at, "scope"), "any, features, dataset, or a feature, role column or segment name",
                            "'" + scope + "'");
                }
                String condition = text(r, "condition", at, "one of " + CONDITIONS);
                if (!CONDITIONS.contains(condition)) {
                    throw fail(path(at, "condition"), "one of below, above, abs_above", "'" + condition + "'");
                }
                double threshold = finite(required(r, "threshold", at), path(at, "threshold"));
                String severity = severity(r, "severity", at, RULE_SEVERITIES);
                Double bandSigma = isAbsent(r.get("band_sigma")) ? null : number(r, "band_sigma", at, 0, 100);
                rules.add(new AlertRuleSpec(name, category, metric, scope, condition, threshold, severity, bandSigma));
            }
            return rules;
        }

        private String driftTest(ObjectNode node, String key, String at, ColumnKind kind) {
            String name = text(node, key, at, "a drift test name");
            DriftTest test = registry.find(name).orElseThrow(
                    () -> fail(path(at, key), "one of " + registry.names(), "'" + name + "'"));
            if (!test.supportedKinds().contains(kind)) {
                List<String> fitting = registry.all().stream().filter(t -> t.supportedKinds().contains(kind))
                        .map(DriftTest::name).toList();
                throw fail(path(at, key), "a test for " + kind.name().toLowerCase(Locale.ROOT) + " columns, one of "
                        + fitting, "'" + name + "'");
            }
            return name;
        }

        // ---- typed access with key-path errors ----

        private void keys(ObjectNode node, String at, List<String> allowed) {
            node.fieldNames().forEachRemaining(key -> {
                if (!allowed.contains(key)) {
                    throw new ConfigException(source + ": " + path(at, key) + ": unknown key; valid keys here are "
                            + allowed);
                }
            });
        }

        private ObjectNode object(JsonNode node, String at) {
            if (node == null || !node.isObject()) {
                throw fail(at, "a map of keys", describe(node));
            }
            return (ObjectNode) node;
        }

        private List<JsonNode> list(JsonNode node, String at) {
            if (node == null || !node.isArray()) {
                throw fail(at, "a list", describe(node));
            }
            List<JsonNode> items = new ArrayList<>();
            node.forEach(items::add);
            return items;
        }

        private JsonNode required(ObjectNode node, String key, String at) {
            JsonNode value = node.get(key);
            if (value == null) {
                throw fail(path(at, key), "a value (the key is required)", "nothing");
            }
            return value;
        }

        private String text(ObjectNode node, String key, String at, String expected) {
            JsonNode value = required(node, key, at);
            if (!value.isTextual()) {
                throw fail(path(at, key), expected, describe(value));
            }
            return value.asText();
        }

        /** A required non-blank string, such as a name. */
        private String name(ObjectNode node, String key, String at) {
            String value = text(node, key, at, "a non-empty string");
            if (value.isBlank()) {
                throw fail(path(at, key), "a non-empty string", "an empty string");
            }
            return value;
        }

        private List<String> strings(JsonNode node, String at) {
            List<JsonNode> items = list(node, at);
            List<String> values = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < items.size(); i++) {
                JsonNode item = items.get(i);
                if (!item.isTextual() && !item.isNumber()) {
                    throw fail(at + "[" + i + "]", "a string (quote values such as \"true\" or \"null\")",
                            describe(item));
                }
                String value = item.asText();
                if (!seen.add(value)) {
                    throw fail(at + "[" + i + "]", "each value once", "'" + value + "' again");
                }
                values.add(value);
            }
            return values;
        }

        private double number(ObjectNode node, String key, String at, double min, double max) {
            double value = finite(required(node, key, at), path(at, key));
            if (value < min || value > max) {
                throw fail(path(at, key), "a number in [" + fmt(min) + ", " + fmt(max) + "]", fmt(value));
            }
            return value;
        }

        private Double optionalNumber(ObjectNode node, String key, String at) {
            JsonNode value = node.get(key);
            return isAbsent(value) ? null : finite(value, path(at, key));
        }

        private double finite(JsonNode value, String at) {
            if (value == null || !value.isNumber() || !Double.isFinite(value.asDouble())) {
                throw fail(at, "a number", describe(value));
            }
            return value.asDouble();
        }

        private int integer(ObjectNode node, String key, String at, int min, int max) {
            JsonNode value = required(node, key, at);
            if (!value.isIntegralNumber() || !value.canConvertToInt()) {
                throw fail(path(at, key), "a whole number", describe(value));
            }
            int v = value.asInt();
            if (v < min || v > max) {
                throw fail(path(at, key), "a whole number in [" + min + ", " + max + "]", Integer.toString(v));
            }
            return v;
        }

        private boolean bool(ObjectNode node, String key, String at) {
            JsonNode value = required(node, key, at);
            if (!value.isBoolean()) {
                throw fail(path(at, key), "true or false", describe(value));
            }
            return value.asBoolean();
        }

        private String severity(ObjectNode node, String key, String at, List<String> valid) {
            String value = text(node, key, at, "one of " + valid);
            String upper = value.trim().toUpperCase(Locale.ROOT);
            if (!valid.contains(upper)) {
                throw fail(path(at, key), "one of " + valid, "'" + value + "'");
            }
            return upper;
        }

        private ConfigException fail(String at, String expected, String got) {
            return new ConfigException(source + ": " + at + ": expected " + expected + ", got " + got);
        }

        private static String path(String at, String key) {
            return at.isEmpty() ? key : at + "." + key;
        }

        private static Set<String> roleColumns(ColumnRoles roles) {
            return new LinkedHashSet<>(List.of(roles.id(), roles.timestamp(), roles.probability(),
                    roles.predictedClass(), roles.target(), roles.labelDate()));
        }

        private static List<String> names(List<FeatureSpec> features) {
            return features.stream().map(FeatureSpec::name).toList();
        }

        private static String fmt(double v) {
            return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
        }

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
    }
}
