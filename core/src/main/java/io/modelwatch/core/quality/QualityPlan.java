package io.modelwatch.core.quality;

import io.modelwatch.core.config.ColumnRoles;
import io.modelwatch.core.config.FeatureSpec;
import io.modelwatch.core.config.MonitoringConfig;
import io.modelwatch.core.config.QualitySettings;
import io.modelwatch.core.data.CategoricalColumn;
import io.modelwatch.core.data.Column;
import io.modelwatch.core.data.NumericColumn;
import io.modelwatch.core.data.StringColumn;
import io.modelwatch.core.data.TimestampColumn;
import io.modelwatch.core.quality.QualityFinding.Kind;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import static io.modelwatch.core.quality.ReportDraft.enabled;

/**
 * Which checks a {@link QualityAccumulator} runs, decided once from the configuration and the first chunk's
 * columns, in the order {@link DataQualityChecker#check} reports them: the empty batch, missing and unexpected
 * columns, parsing, the role columns (nulls, wrong types, probabilities and labels), the features (nulls and
 * budgets, ranges, allowed categories), duplicate ids. A check whose severity is {@code NONE} is not planned.
 */
final class QualityPlan {

    /** Where the parsing findings go in the check order (they are reported by {@link ParseIssues}). */
    static final QualityCheck PARSING = out -> { };

    private final MonitoringConfig config;
    private final QualitySettings q;
    private final String source;
    private final List<String> columnNames;
    private final Map<String, Class<? extends Column>> types;
    private final List<QualityCheck> checks = new ArrayList<>();

    private QualityPlan(MonitoringConfig config, String source, List<String> columnNames,
                        Map<String, Class<? extends Column>> types) {
        this.config = config;
        this.q = config.quality();
        this.source = source;
        this.columnNames = columnNames;
        this.types = types;
    }

    /**
     * The checks of a batch with these columns, {@link #PARSING} among them.
     *
     * @param ids the set of the duplicate-id check (made only when it runs), or null when the ids are counted apart
     */
    static List<QualityCheck> checks(MonitoringConfig config, String source, List<String> columnNames,
                                     Map<String, Class<? extends Column>> types, Supplier<SpillingIdSet> ids) {
        QualityPlan plan = new QualityPlan(config, source, columnNames, types);
        ColumnRoles roles = config.roles();
        QualitySettings q = config.quality();
        plan.emptyBatch();
        plan.columns(roles);
        plan.checks.add(PARSING);
        plan.roleColumns(roles);
        for (FeatureSpec f : config.features()) {
            if (types.containsKey(f.name())) {
                plan.feature(f, types.get(f.name()));
            }
        }
        if (types.containsKey(roles.id()) && enabled(q.duplicateIdSeverity().name())) {
            plan.checks.add(new DuplicateIds(roles.id(), q.duplicateIdSeverity().name(), ids.get()));
        }
        return plan.checks;
    }

    private void columns(ColumnRoles roles) {
        for (String required : List.of(roles.id(), roles.timestamp(), roles.probability())) {
            if (!types.containsKey(required)) {
                fixed(Kind.MISSING_ROLE_COLUMN, required, q.missingColumnSeverity().name(),
                        "required column '" + required + "' is missing from the input");
            }
        }
        for (FeatureSpec f : config.features()) {
            if (!types.containsKey(f.name())) {
                fixed(Kind.MISSING_FEATURE_COLUMN, f.name(), q.missingColumnSeverity().name(),
                        "feature column '" + f.name() + "' is missing from the input");
            }
        }
        Set<String> known = new HashSet<>(config.featureNames());
        known.addAll(Arrays.asList(roles.id(), roles.timestamp(), roles.probability(), roles.predictedClass(),
                roles.target(), roles.labelDate()));
        for (String name : columnNames) {
            if (!known.contains(name)) {
                fixed(Kind.UNEXPECTED_COLUMN, name, q.unexpectedColumnSeverity().name(),
                        "column '" + name + "' is not a configured feature or role column; it is not monitored");
            }
        }
    }

    private void roleColumns(ColumnRoles roles) {
        if (types.containsKey(roles.id())) {
            requiredNulls(nulls(roles.id(), null), "id");
        }
        if (expectType(roles.timestamp(), TimestampColumn.class, "ISO-8601 timestamps")) {
            requiredNulls(nulls(roles.timestamp(), null), "timestamp");
        }
        if (expectType(roles.probability(), NumericColumn.class, "numbers")) {
            NullCount probability = nulls(roles.probability(), null);
            requiredNulls(probability, "probability");
            noUsableValues(probability);
            outOfRange(roles.probability(), 0, 1, false, null, null);
        }
        if (expectType(roles.predictedClass(), NumericColumn.class, "numbers")) {
            NullCount predicted = nulls(roles.predictedClass(), null);
            requiredNulls(predicted, "predicted class");
            noUsableValues(predicted);
            outOfRange(roles.predictedClass(), 0, 1, true, null, "predicted class");
        }
        if (expectType(roles.target(), NumericColumn.class, "numbers")) {
            nulls(roles.target(), null);
            outOfRange(roles.target(), 0, 1, true, null, "actual outcome");
        }
        if (expectType(roles.labelDate(), TimestampColumn.class, "ISO-8601 dates")) {
            nulls(roles.labelDate(), null);
        }
    }

    private void feature(FeatureSpec f, Class<? extends Column> type) {
        if (f.isNumeric()) {
            if (expectType(f.name(), NumericColumn.class, "numbers (a numeric feature)")) {
                noUsableValues(nulls(f.name(), f));
                if (f.min() != null || f.max() != null) {
                    outOfRange(f.name(), f.min() == null ? Double.NEGATIVE_INFINITY : f.min(),
                            f.max() == null ? Double.POSITIVE_INFINITY : f.max(), false, f, null);
                }
            }
        } else if (type != CategoricalColumn.class && type != StringColumn.class) {
            wrongType(f.name(), "text values (a categorical feature)");
        } else {
            noUsableValues(nulls(f.name(), f));
            if (!f.allowedValues().isEmpty() && enabled(q.unknownCategorySeverity().name())) {
                checks.add(new UnknownCategories(f, q.unknownCategorySeverity().name()));
            }
        }
    }

    /** True when the column is present with this type; a wrong-type finding when present with another. */
    private boolean expectType(String column, Class<? extends Column> type, String expected) {
        Class<? extends Column> actual = types.get(column);
        if (actual == null) {
            return false;
        }
        if (actual != type) {
            wrongType(column, expected);
            return false;
        }
        return true;
    }

    private void wrongType(String column, String expected) {
        Class<? extends Column> actual = types.get(column);
        String holds = actual == NumericColumn.class ? "numbers" : actual == TimestampColumn.class ? "timestamps"
                : "text";
        fixed(Kind.WRONG_COLUMN_TYPE, column, q.unparseableSeverity().name(), "column '" + column + "' holds " + holds
                + ", expected " + expected + "; its other checks are skipped");
    }

    /** A finding known from the columns alone (a missing, unexpected or mistyped column). */
    private void fixed(Kind kind, String column, String severity, String message) {
        QualityFinding finding = ReportDraft.finding(kind, column, 1, 0, null, severity, message, List.of(),
                List.of());
        if (finding != null) {
            checks.add(out -> out.findings.add(finding));
        }
    }

    private NullCount nulls(String column, FeatureSpec feature) {
        NullCount n = new NullCount(column, feature, q.nullBudgetSeverity().name());
        checks.add(n);
        return n;
    }

    /** A batch without rows: reported first, since every other number of the run is then empty. */
    private void emptyBatch() {
        String severity = q.noValuesSeverity().name();
        if (enabled(severity)) {
            checks.add(out -> {
                if (out.rows == 0) {
                    out.add(Kind.EMPTY_BATCH, null, 0, 0, null, severity, "empty batch: " + source
                            + " has a header and no rows; drift and performance are not computable", List.of(),
                            List.of());
                }
            });
        }
    }

    /**
     * A column of a non-empty batch whose every cell is null. Not for a feature whose null budget is 100 %
     * (inferred so from a reference where it was empty: it is expected empty).
     */
    private void noUsableValues(NullCount nulls) {
        String severity = q.noValuesSeverity().name();
        boolean mayBeEmpty = nulls.feature != null && nulls.feature.nullBudget() >= 1.0;
        if (enabled(severity) && !mayBeEmpty) {
            checks.add(nulls.noUsableValues(severity));
        }
    }

    private void requiredNulls(NullCount nulls, String role) {
        if (enabled(q.requiredNullSeverity().name())) {
            checks.add(nulls.requiredIn(role, q.requiredNullSeverity().name()));
        }
    }

    private void outOfRange(String column, double lo, double hi, boolean labels, FeatureSpec feature,
                            String role) {
        if (enabled(q.outOfRangeSeverity().name())) {
            checks.add(new OutOfRange(column, lo, hi, labels, feature, role, q.outOfRangeSeverity().name()));
        }
    }
}
