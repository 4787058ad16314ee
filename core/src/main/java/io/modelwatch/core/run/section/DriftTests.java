package io.modelwatch.core.run.section;

import io.modelwatch.core.config.DriftSettings;
import io.modelwatch.core.config.FeatureSpec;
import io.modelwatch.core.config.MonitoringConfig;
import io.modelwatch.core.drift.AutoStatTest;
import io.modelwatch.core.drift.CategoricalSample;
import io.modelwatch.core.drift.ColumnKind;
import io.modelwatch.core.drift.DriftResult;
import io.modelwatch.core.drift.DriftTest;
import io.modelwatch.core.drift.DriftTestException;
import io.modelwatch.core.drift.NumericSample;
import io.modelwatch.core.drift.Sample;
import io.modelwatch.core.drift.StatTestRegistry;
import io.modelwatch.core.drift.tests.MannWhitneyDriftTest;
import io.modelwatch.core.profile.ColumnProfile;
import io.modelwatch.core.result.ColumnDrift;
import io.modelwatch.core.stability.StabilityIndex;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The drift test of one column under a configuration: which test (the column's own, else the configured method,
 * else Evidently's automatic choice), which threshold, and the test's verdict; and the alerting PSI
 * ({@link #stability()}) the drift section reports beside it.
 */
public final class DriftTests {

    private final MonitoringConfig config;
    private final StatTestRegistry registry;
    private final StabilityIndex stability;

    private DriftTests(MonitoringConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        StatTestRegistry defaults = StatTestRegistry.defaults();
        this.registry = config.drift().mannWhitneyTwoSided()
                ? defaults.replacing(MannWhitneyDriftTest.withDefaults().twoSided())
                : defaults;
        this.stability = StabilityIndex.of(config.drift().psiEpsilon());
    }

    public static DriftTests of(MonitoringConfig config) {
        return new DriftTests(config);
    }

    public MonitoringConfig config() {
        return config;
    }

    /** The PSI with the configured epsilon. */
    public StabilityIndex stability() {
        return stability;
    }

    /** The drift of the current values {@code cur} of the profiled column {@code p}, which plays {@code role}. */
    public ColumnDrift test(ColumnProfile p, Sample cur, String role) {
        Sample ref = p.sample();
        FeatureSpec spec = config.feature(p.name()).orElse(null);
        String method = spec != null && spec.driftTest() != null ? spec.driftTest() : config.drift().method();
        if (method == null || method.equals(DriftSettings.AUTO)) {
            // the choice only tells apart up to LOW_CARDINALITY_MAX distinct values: counting stops past them
            method = AutoStatTest.choose(p.kind(), p.rows(),
                    distinctUnion(ref, cur, AutoStatTest.LOW_CARDINALITY_MAX + 1));
        }
        DriftTest test = registry.get(method);
        double threshold = threshold(spec, test);
        String type = p.kind() == ColumnKind.NUMERIC ? "numeric" : "categorical";
        if (ref.size() == 0 || cur.size() == 0) {
            return new ColumnDrift(p.name(), role, type, test.name(), null, null, null, threshold,
                    test.direction().rule(), false, (ref.size() == 0 ? "reference" : "current")
                    + " has no non-null values");
        }
        try {
            DriftResult r = test.test(ref, cur, threshold);
            return new ColumnDrift(p.name(), role, type, r.method(), finite(r.statistic()), finite(r.score()),
                    r.pValue() == null ? null : finite(r.pValue()), threshold, test.direction().rule(), r.drifted(),
                    null);
        } catch (DriftTestException e) {
            return new ColumnDrift(p.name(), role, type, test.name(), null, null, null, threshold,
                    test.direction().rule(), false, e.getMessage());
        }
    }

    /**
     * The column's own threshold when set; else the configured drift threshold when the column uses the
     * configured default method; else the test's default (Evidently's per-test defaults).
     */
    private double threshold(FeatureSpec spec, DriftTest test) {
        if (spec != null && spec.driftThreshold() != null) {
            return spec.driftThreshold();
        }
        boolean usesDefaultMethod = spec == null || spec.driftTest() == null;
        if (usesDefaultMethod && config.drift().threshold() != null) {
            return config.drift().threshold();
        }
        return test.defaultThreshold();
    }

    /** Distinct non-null values of reference and current together (Evidently's {@code n_unique}). */
    public static long distinctUnion(Sample ref, Sample cur) {
        return distinctUnion(ref, cur, Long.MAX_VALUE);
    }

    /**
     * {@link #distinctUnion(Sample, Sample)}, or {@code cap + 1} as soon as the numeric values passed {@code cap}
     * distinct ones (the merge of two numeric columns of a hundred thousand distinct values each stops there).
     */
    public static long distinctUnion(Sample ref, Sample cur, long cap) {
        if (ref instanceof NumericSample r && cur instanceof NumericSample c) {
            double[] a = r.runs().values();
            double[] b = c.runs().values();
            long distinct = 0;
            int i = 0;
            int j = 0;
            double last = Double.NaN;
            while (i < a.length || j < b.length) {
                double v = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i++] : b[j++];
                if (distinct == 0 || Double.compare(v, last) != 0) {
                    if (distinct++ == cap) {
                        return distinct;
                    }
                    last = v;
                }
            }
            return distinct;
        }
        CategoricalSample r = (CategoricalSample) ref;
        CategoricalSample c = (CategoricalSample) cur;
        Set<String> all = new HashSet<>();
        long[] rc = r.counts();
        for (int i = 0; i < rc.length; i++) {
            if (rc[i] > 0) {
                all.add(r.labels().get(i));
            }
        }
        long[] cc = c.counts();
        for (int i = 0; i < cc.length; i++) {
            if (cc[i] > 0) {
                all.add(c.labels().get(i));
            }
        }
        return all.size();
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
