package io.modelwatch.core.data;

import io.modelwatch.core.config.AlertRuleSpec;
import io.modelwatch.core.config.ConfigLoader;
import io.modelwatch.core.config.FeatureSpec;
import io.modelwatch.core.config.MonitoringConfig;
import io.modelwatch.core.config.SegmentSpec;
import io.modelwatch.core.drift.ColumnKind;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds a configuration from a reference batch when no configuration file is given.
 *
 * <ul>
 *   <li>Roles, drift and quality settings, notifications, model id and thresholds come from the base configuration
 *       (normally {@link ConfigLoader#defaults()}), so the role columns keep the default names.</li>
 *   <li>Every other column is a feature, in the reference's column order, except timestamp columns.</li>
 *   <li>Kind: a column read as numeric stays numeric, whatever its number of distinct values (a 0/1
 *       column is numeric; the automatic drift-test choice already handles low-cardinality numeric
 *       columns); text columns are categorical.</li>
 *   <li>Allowed categories: the reference's non-null values in first-seen order; with more than
 *       {@value #MAX_INFERRED_CATEGORIES} distinct values (free text) none, meaning any value.</li>
 *   <li>Numeric range: the reference's {@code [min - w * range, max + w * range]} with
 *       {@code w =} {@value #RANGE_WIDENING} and {@code range = max - min} (for a constant column the
 *       margin is {@code max(1, w * |value|)}). The quality check flags every single value outside the
 *       range, so the bounds must hold whatever a stable day produces: the reference extremes widened by
 *       half the range do, and an outlier in the reference only widens them (fewer alerts, never more).
 *       A column with no negative value keeps 0 as lower bound; an all-integer column gets integer bounds
 *       (rounded outwards). A column without any value has no bounds.</li>
 *   <li>Null budget: {@code min(1, max(default_null_budget, 2 * reference null share))}.</li>
 *   <li>Segments of the base are kept when their column became a feature of the matching kind (bands
 *       need a numeric feature); alert rules are kept unless their scope names a column or segment that
 *       is gone.</li>
 * </ul>
 */
public final class SchemaInference {

    /** Above this many distinct values a text column gets no allowed-value list. */
    public static final int MAX_INFERRED_CATEGORIES = 1000;

    /** Share of the reference range added below the minimum and above the maximum. */
    public static final double RANGE_WIDENING = 0.5;

    private SchemaInference() {
    }

    /**
     * The configuration {@code base} with features inferred from {@code reference}.
     *
     * @param reference the reference data, typically read with
     *                  {@code TableSchema.forRoles(base.roles())} so unlisted columns are typed from content
     * @param base      roles, settings and rules to keep (normally {@link ConfigLoader#defaults()})
     */
    public static MonitoringConfig infer(ColumnBatch reference, MonitoringConfig base) {
        List<String> roleColumns = base.roles().columns();
        double defaultBudget = base.quality().defaultNullBudget();
        List<FeatureSpec> features = new ArrayList<>();
        for (Column column : reference.columns().values()) {
            if (roleColumns.contains(column.name()) || column instanceof TimestampColumn) {
                continue;
            }
            double nullShare = reference.rowCount() == 0 ? 0 : (double) column.nullCount() / reference.rowCount();
            double budget = Math.min(1.0, Math.max(defaultBudget, 2 * nullShare));
            if (column instanceof NumericColumn n) {
                features.add(numeric(n, budget));
            } else if (column instanceof CategoricalColumn c) {
                features.add(categorical(c.name(), categories(c), budget));
            } else if (column instanceof StringColumn s) {
                features.add(categorical(s.name(), categories(s), budget));
            }
        }
        List<SegmentSpec> segments = base.segments().stream().filter(s -> features.stream().anyMatch(
                f -> f.name().equals(s.column()) && f.isNumeric() == s.isBanded())).toList();
        Set<String> scopes = MonitoringConfig.scopeNames(base.roles(), features, segments);
        List<AlertRuleSpec> rules = base.alertRules().stream().filter(r -> scopes.contains(r.scope())).toList();
        return new MonitoringConfig(base.modelId(), base.roles(), features, segments, base.drift(), base.quality(),
                rules, base.classificationThreshold(), base.segmentMinChurners(), base.importance(), base.anomaly(), base.labels(),
                base.notifications(), base.noiseBands());
    }

    private static FeatureSpec numeric(NumericColumn column, double nullBudget) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        boolean integral = true;
        for (double v : column.values()) {
            if (!Double.isNaN(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
                integral &= v == Math.rint(v);
            }
        }
        if (min > max || !Double.isFinite(min) || !Double.isFinite(max)) {
            return new FeatureSpec(column.name(), ColumnKind.NUMERIC, null, null, List.of(), nullBudget, null, null);
        }
        double range = max - min;
        double margin = range > 0 ? RANGE_WIDENING * range : Math.max(1.0, RANGE_WIDENING * Math.abs(min));
        double lo = min - margin;
        double hi = max + margin;
        if (min >= 0 && lo < 0) {
            lo = 0;
        }
        if (integral) {
            lo = Math.floor(lo);
            hi = Math.ceil(hi);
        }
        return new FeatureSpec(column.name(), ColumnKind.NUMERIC, lo, hi, List.of(), nullBudget, null, null);
    }

    private static FeatureSpec categorical(String name, List<String> categories, double nullBudget) {
        List<String> allowed = categories.size() > MAX_INFERRED_CATEGORIES ? List.of() : categories;
        return new FeatureSpec(name, ColumnKind.CATEGORICAL, null, null, allowed, nullBudget, null, null);
    }

    private static List<String> categories(CategoricalColumn column) {
        long[] counts = column.counts();
        List<String> values = new ArrayList<>();
        for (int code = 0; code < counts.length; code++) {
            if (counts[code] > 0) {
                values.add(column.dictionary().get(code));
            }
        }
        return values;
    }

    private static List<String> categories(StringColumn column) {
        Set<String> values = new LinkedHashSet<>();
        for (int i = 0; i < column.size(); i++) {
            if (!column.isNull(i)) {
                values.add(column.get(i));
            }
        }
        return List.copyOf(values);
    }
}
