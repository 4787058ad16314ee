package io.modelwatch.core.run;

import io.modelwatch.core.alerts.Alert;
import io.modelwatch.core.alerts.AlertEvaluator;
import io.modelwatch.core.anomaly.AnomalyScan;
import io.modelwatch.core.anomaly.MetricHistory;
import io.modelwatch.core.anomaly.MultivariateAnomaly;
import io.modelwatch.core.anomaly.MultivariateAnomalyScan;
import io.modelwatch.core.config.FeatureSpec;
import io.modelwatch.core.config.MonitoringConfig;
import io.modelwatch.core.config.SegmentSpec;
import io.modelwatch.core.data.CategoricalColumn;
import io.modelwatch.core.data.Column;
import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.data.InputException;
import io.modelwatch.core.data.NumericColumn;
import io.modelwatch.core.data.StringColumn;
import io.modelwatch.core.drift.AutoStatTest;
import io.modelwatch.core.drift.CategoricalSample;
import io.modelwatch.core.drift.ColumnKind;
import io.modelwatch.core.drift.DriftResult;
import io.modelwatch.core.drift.DriftTest;
import io.modelwatch.core.drift.DriftTestException;
import io.modelwatch.core.drift.NumericSample;
import io.modelwatch.core.drift.Sample;
import io.modelwatch.core.drift.StatTestRegistry;
import io.modelwatch.core.estimation.ConfidenceBasedEstimator;
import io.modelwatch.core.estimation.EstimatedPerformance;
import io.modelwatch.core.estimation.PerformanceEstimator;
import io.modelwatch.core.importance.WoeIv;
import io.modelwatch.core.importance.WoeIvCounts;
import io.modelwatch.core.importance.WoeIvResult;
import io.modelwatch.core.importance.WoeSignFlip;
import io.modelwatch.core.performance.ClassificationMetrics;
import io.modelwatch.core.performance.ClassificationReport;
import io.modelwatch.core.profile.ColumnProfile;
import io.modelwatch.core.profile.ReferenceProfile;
import io.modelwatch.core.quality.DataQualityChecker;
import io.modelwatch.core.quality.QualityReport;
import io.modelwatch.core.rootcause.FeatureDrift;
import io.modelwatch.core.rootcause.RootCauseAnalysis;
import io.modelwatch.core.rootcause.RootCauseReport;
import io.modelwatch.core.rootcause.SegmentDriftCause;
import io.modelwatch.core.rootcause.SegmentDriftCauses;
import io.modelwatch.core.rootcause.SegmentRecall;
import io.modelwatch.core.segments.SegmentAnalysis;
import io.modelwatch.core.segments.SegmentCounts;
import io.modelwatch.core.segments.SegmentMetrics;
import io.modelwatch.core.stability.PsiBins;
import io.modelwatch.core.stability.PsiResult;
import io.modelwatch.core.stability.StabilityIndex;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.IntStream;

/**
 * The whole monitoring computation of one run, shared by the CLI and the services so that both give
 * identical numbers. The services call the parts ({@link #drift}, {@link #performance}, {@link #quality})
 * in separate processes and {@link #assemble} the result; the CLI calls {@link #run}.
 * Columns are computed in parallel on all cores (the common fork-join pool).
 */
public final class MonitoringPipeline {

    /** Role name of feature columns in drift and PSI rows. */
    public static final String ROLE_FEATURE = "feature";
    /** Role name of the predicted probability and the predicted class in drift and PSI rows. */
    public static final String ROLE_PREDICTION = "prediction";
    /** Role name of the label (target) in drift rows. */
    public static final String ROLE_TARGET = "target";

    private final MonitoringConfig config;
    private final StatTestRegistry registry;
    private final StabilityIndex stability;

    private MonitoringPipeline(MonitoringConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        StatTestRegistry defaults = StatTestRegistry.defaults();
        this.registry = config.drift().mannWhitneyTwoSided()
                ? defaults.replacing(io.modelwatch.core.drift.tests.MannWhitneyDriftTest.withDefaults().twoSided())
                : defaults;
        this.stability = StabilityIndex.of(config.drift().psiEpsilon());
    }

    public static MonitoringPipeline of(MonitoringConfig config) {
        return new MonitoringPipeline(config);
    }

    public MonitoringConfig config() {
        return config;
    }

    StabilityIndex stability() {
        return stability;
    }

    // ------------------------------------------------------------------------------------------ profile

    /**
     * Computes the reference profile once, with this pipeline's configuration in it; store it with
     * {@link ReferenceProfile#toBytes()}.
     */
    public ReferenceProfile profile(ColumnBatch reference) {
        List<FeatureSpec> present = config.features().stream().filter(f -> reference.has(f.name())).toList();
        ColumnProfile[] profiles = new ColumnProfile[present.size()];
        WoeIvResult[] woes = new WoeIvResult[present.size()];
        double[][] sortedFinite = new double[present.size()][];
        Outcomes outcomes = outcomes(reference);
        boolean woeWanted = outcomes.labelled() > 0;
        boolean allLabelled = woeWanted && Arrays.stream(outcomes.yTrue()).allMatch(y -> y >= 0);
        // per column, the profile (sorting) and WoE/IV run in parallel, alongside the serial work below
        CompletableFuture<Void> columnsDone = CompletableFuture.runAsync(() -> IntStream.range(0, present.size())
                .parallel().forEach(i -> {
                    Column column = reference.column(present.get(i).name());
                    NumericSample sample = present.get(i).kind() == ColumnKind.NUMERIC
                            ? NumericSample.of(asNumeric(column).values()) : null;
                    sortedFinite[i] = sample == null ? null : sample.sorted();
                    profiles[i] = columnProfile(column, present.get(i).kind(), sample);
                    if (woeWanted) {
                        double[] sorted = sortedFinite[i];
                        boolean reuse = allLabelled && sorted != null && column instanceof NumericColumn n
                                && sorted.length + profiles[i].nullCount() == n.size(); // no infinities dropped
                        woes[i] = reuse ? WoeIv.numericSorted(((NumericColumn) column).values(), outcomes.yTrue(), sorted)
                                : woe(column, outcomes.yTrue());
                    }
                    sortedFinite[i] = null;
                }));
        CompletableFuture<ColumnProfile> predictionDone = CompletableFuture.supplyAsync(() ->
                reference.find(config.roles().probability())
                        .map(c -> columnProfile(c, ColumnKind.NUMERIC, NumericSample.of(asNumeric(c).values()))).orElse(null));

        ClassificationReport performance = outcomes.labelled() > 0 ? outcomes.report() : null;
        List<SegmentRow> segments = segmentRows(reference, outcomes, null);
        Map<String, PsiBins> segmentBins = segmentPredictionBins(reference);
        Map<String, Map<String, ColumnProfile>> segmentColumns = SegmentDriftAccumulator.reference(this, reference);
        ConfidenceBasedEstimator estimator = null;
        if (performance != null) {
            int[] rows = outcomes.scoredLabelledRows();
            estimator = PerformanceEstimator.withDefaults().fit(pick(outcomes.score(), rows), pick(outcomes.yTrue(), rows),
                    pick(outcomes.yPred(), rows));
        }
        join(columnsDone);
        Map<String, ColumnProfile> columns = new LinkedHashMap<>();
        Map<String, WoeIvResult> woe = new LinkedHashMap<>();
        for (int i = 0; i < profiles.length; i++) {
            columns.put(profiles[i].name(), profiles[i]);
            if (woeWanted) {
                woe.put(present.get(i).name(), woes[i]);
            }
        }
        ColumnProfile prediction = join(predictionDone);
        return new ReferenceProfile(ReferenceProfile.FORMAT_VERSION, reference.source(), reference.rowCount(), config,
                columns, prediction, labelProfile(reference, config.roles().predictedClass()),
                labelProfile(reference, config.roles().target()), performance, outcomes.churnRate(),
                outcomes.predictedRate(), segments, segmentBins, woe, estimator, ReferenceProfile.woeNoise(woe, config),
                segmentColumns);
    }

    /**
     * The reference side of the predicted class or the label, a categorical column of 0/1 values (Evidently treats
     * a classification target and predicted labels as categorical), or {@code null} when the reference has no
     * value of it.
     */
    private ColumnProfile labelProfile(ColumnBatch reference, String role) {
        return reference.find(role).filter(c -> c.nullCount() < c.size())
                .map(c -> columnProfile(c, ColumnKind.CATEGORICAL, null)).orElse(null);
    }

    ColumnProfile columnProfile(Column column, ColumnKind kind, NumericSample sample) {
        int bins = config.drift().psiBins();
        if (kind == ColumnKind.NUMERIC) {
            NumericColumn c = asNumeric(column);
            return new ColumnProfile(c.name(), kind, c.size(), c.nullCount(), sample.runs(), null, null,
                    PsiBins.numeric(sample.sorted(), bins));
        }
        CategoricalColumn c = asCategorical(column);
        CategoricalSample categories = categoricalSample(c);
        return new ColumnProfile(c.name(), kind, c.size(), c.nullCount(), null, categories.labels(), categories.counts(),
                PsiBins.categorical(c));
    }

    // -------------------------------------------------------------------------------------------- drift

    /** Data and prediction drift: per-column drift tests, dataset drift, and the alerting PSI. */
    public DriftSection drift(ReferenceProfile profile, ColumnBatch current) {
        DriftAccumulator counts = driftAccumulator(profile, current);
        counts.add(current);
        SegmentDriftAccumulator segments = segmentDriftAccumulator(profile);
        segments.add(current);
        DriftSection whole = counts.result();
        return whole.withSegmentDrift(segments.result(whole.drift()));
    }

    /**
     * The drift of every feature inside every segment of a batch read in chunks ({@link SegmentDriftAccumulator#add}
     * every chunk, then {@link SegmentDriftAccumulator#result} with the whole batch's drift).
     */
    public SegmentDriftAccumulator segmentDriftAccumulator(ReferenceProfile profile) {
        return new SegmentDriftAccumulator(this, profile);
    }

    /**
     * The drift section of a batch read in chunks: {@link DriftAccumulator#add} every chunk (the first one
     * included), then {@link DriftAccumulator#result}. The columns tested are those of the profile present in
     * {@code firstChunk}.
     */
    public DriftAccumulator driftAccumulator(ReferenceProfile profile, ColumnBatch firstChunk) {
        return new DriftAccumulator(this, profile, firstChunk);
    }

    ColumnDrift columnDrift(ColumnProfile p, Sample cur, String role) {
        Sample ref = p.sample();
        FeatureSpec spec = config.feature(p.name()).orElse(null);
        String method = spec != null && spec.driftTest() != null ? spec.driftTest() : config.drift().method();
        if (method == null || method.equals(io.modelwatch.core.config.DriftSettings.AUTO)) {
            method = AutoStatTest.choose(p.kind(), p.rows(), distinctUnion(ref, cur));
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
    static long distinctUnion(Sample ref, Sample cur) {
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
                    distinct++;
                    last = v;
                }
            }
            return distinct;
        }
        CategoricalSample r = (CategoricalSample) ref;
        CategoricalSample c = (CategoricalSample) cur;
        java.util.Set<String> all = new java.util.HashSet<>();
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

    // -------------------------------------------------------------------------------------- performance

    /**
     * Classification quality, concept drift, segments and importance when the batch's labels have matured
     * (label coverage at least {@code labels.min_coverage}); the estimate from the probabilities always.
     */
    public PerformanceSection performance(ReferenceProfile profile, ColumnBatch current) {
        PerformanceAccumulator counts = new PerformanceAccumulator(this, profile, current);
        counts.add(current, outcomeArrays(current));
        return counts.result(current.rowCount());
    }

    /**
     * The performance section of a batch read in chunks: {@link PerformanceAccumulator#add} every chunk (the first
     * one included), then {@link PerformanceAccumulator#result} with the row count. The segment dimensions and
     * watched features are those present in {@code firstChunk}.
     */
    public PerformanceAccumulator performanceAccumulator(ReferenceProfile profile, ColumnBatch firstChunk) {
        return new PerformanceAccumulator(this, profile, firstChunk);
    }

    /**
     * Checks that a batch (or a file's first chunk) has the id and probability columns, without which there is
     * nothing to monitor.
     *
     * @throws InputException naming the source, the missing column and the columns it has
     */
    public void requireRoleColumns(ColumnBatch batch) {
        for (String role : new String[] {config.roles().id(), config.roles().probability()}) {
            if (!batch.has(role)) {
                throw new InputException(batch.source() + ": required column '" + role + "' is missing; columns are "
                        + batch.columnNames());
            }
        }
    }

    /**
     * The features whose importance is watched: those with a reference WoE table whose IV reaches
     * {@code importance.min_reference_iv}, present in the current batch (or file).
     */
    List<FeatureSpec> watchedFeatures(ReferenceProfile profile, ColumnBatch current) {
        return config.features().stream().filter(f -> {
            WoeIvResult ref = profile.woe().get(f.name());
            return ref != null && current.has(f.name()) && ref.ivSmoothed() >= config.importance().minReferenceIv();
        }).toList();
    }

    /** One importance row per watched feature, from its current WoE table (aligned with {@code watched}). */
    List<ImportanceRow> importanceRows(ReferenceProfile profile, List<FeatureSpec> watched, List<WoeIvResult> current) {
        List<ImportanceRow> importance = new ArrayList<>();
        for (int i = 0; i < watched.size(); i++) {
            FeatureSpec f = watched.get(i);
            WoeIvResult ref = profile.woe().get(f.name());
            WoeIvResult cur = current.get(i);
            double minWoe = config.importance().minAbsWoe();
            List<WoeSignFlip> flips = WoeIv.signFlips(ref, cur).stream()
                    .filter(x -> Math.abs(x.referenceWoe()) >= minWoe && Math.abs(x.currentWoe()) >= minWoe)
                    .toList();
            importance.add(new ImportanceRow(f.name(), ref.ivSmoothed(), cur.ivSmoothed(),
                    WoeIv.ivChangePercent(ref, cur), flips.size(), flips.stream().map(WoeSignFlip::label).toList()));
        }
        return importance;
    }

    /**
     * WoE/IV of one reference column in its own quantile bins (the current side is counted in these bins by
     * {@link WoeIvCounts}). WoeIv skips the rows whose label is -1 itself, so the column goes in whole.
     */
    private WoeIvResult woe(Column column, int[] yTrue) {
        if (column instanceof NumericColumn n) {
            return WoeIv.numeric(n.values(), yTrue);
        }
        return WoeIv.categorical(asCategorical(column), yTrue);
    }

    private List<SegmentRow> segmentRows(ColumnBatch batch, Outcomes outcomes, ReferenceProfile profile) {
        StringColumn ids = batch.find(config.roles().id()).filter(StringColumn.class::isInstance)
                .map(StringColumn.class::cast).orElse(null);
        List<SegmentCounts> counts = new ArrayList<>();
        for (SegmentSpec spec : config.segments()) {
            if (batch.has(spec.column())) {
                SegmentCounts c = segmentCounts(spec, profile);
                c.add(batch.column(spec.column()), outcomes.yTrue(), outcomes.yPred(), outcomes.score(), ids);
                counts.add(c);
            }
        }
        return segmentRows(counts, outcomes.labelled() > 0, profile);
    }

    /**
     * An empty accumulator of a configured segment dimension: the batch's rows (or a file's chunks) go in with
     * {@link SegmentCounts#add}, and {@link #segmentRows(List, boolean, ReferenceProfile)} makes the rows.
     *
     * @param profile the reference profile whose per-segment prediction bins give the PSI; null for none
     */
    SegmentCounts segmentCounts(SegmentSpec spec, ReferenceProfile profile) {
        return SegmentCounts.of(spec, profile == null ? Map.of() : profile.segmentPredictionBins(),
                SegmentRow.MAX_EXAMPLES);
    }

    /**
     * The segment rows of the counted dimensions (one accumulator per dimension present in the batch, in
     * configuration order), against the reference's segments when {@code profile} is given.
     *
     * @param labelled whether the labels count (the batch's labels have matured); if not, the rows are those
     *                 of a batch without labels
     */
    List<SegmentRow> segmentRows(List<SegmentCounts> counts, boolean labelled, ReferenceProfile profile) {
        List<SegmentRow> rows = new ArrayList<>();
        Map<String, SegmentRow> baseline = new LinkedHashMap<>();
        if (profile != null) {
            for (SegmentRow r : profile.segments()) {
                baseline.put(r.key(), r);
            }
        }
        for (SegmentCounts c : counts) {
            SegmentSpec spec = c.spec();
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (SegmentMetrics m : c.metrics(labelled)) {
                String key = m.dimension() + "=" + m.segment();
                seen.add(key);
                SegmentRow base = baseline.get(key);
                Double refRecall = base == null ? null : base.recall();
                long churners = m.churners() == null ? 0 : m.churners();
                Double drop = refRecall != null && m.recall() != null && churners >= config.segmentMinChurners()
                        ? refRecall - m.recall() : null;
                PsiResult shift = c.finiteScores(m.segment()) < SegmentRow.MIN_ROWS_FOR_PSI ? null
                        : c.predictionPsi(m.segment(), stability);
                Double psi = shift == null ? null : shift.value();
                rows.add(new SegmentRow(m.dimension(), m.segment(), m.count(), churners, m.churnRate(), m.recall(),
                        m.precision(), m.predictedPositiveRate(), refRecall, drop, psi,
                        base == null ? 0 : base.count(), base == null ? 0 : base.churners(),
                        labelled ? c.missedChurners(m.segment()) : List.of()));
            }
            // a segment the reference had and today lacks still belongs to the partition (root cause needs it)
            for (SegmentRow base : baseline.values()) {
                if (base.dimension().equals(spec.name()) && !seen.contains(base.key())) {
                    rows.add(new SegmentRow(base.dimension(), base.segment(), 0, 0, null, null, null, null,
                            base.recall(), null, null, base.count(), base.churners(), List.of()));
                }
            }
        }
        return rows;
    }

    /** Per segment key, PSI bins of the predicted probability within that segment of the reference. */
    private Map<String, PsiBins> segmentPredictionBins(ColumnBatch reference) {
        Map<String, PsiBins> out = new LinkedHashMap<>();
        if (!reference.has(config.roles().probability())) {
            return out;
        }
        double[] probability = asNumeric(reference.column(config.roles().probability())).values();
        for (SegmentSpec spec : config.segments()) {
            if (!reference.has(spec.column())) {
                continue;
            }
            Map<String, double[]> bySegment = SegmentAnalysis.assign(spec, segmentColumn(spec, reference.column(spec.column())))
                    .split(probability);
            bySegment.forEach((label, values) -> {
                double[] sorted = NumericSample.of(values).sorted();
                if (sorted.length > 0) {
                    out.put(spec.name() + "=" + label, PsiBins.numeric(sorted, config.drift().psiBins()));
                }
            });
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------ quality

    /** Data-quality findings of the current batch. */
    public QualityReport quality(ColumnBatch current) {
        return DataQualityChecker.check(current, config);
    }

    // ----------------------------------------------------------------------------------------- assemble

    /** Puts the parts together, derives the flat metric rows and evaluates the alert rules (no history). */
    public RunResult assemble(RunInfo info, long referenceRows, long currentRows, DriftSection drift,
                              PerformanceSection performance, QualityReport quality, long durationMs) {
        return assemble(info, referenceRows, currentRows, drift, performance, quality, durationMs, MetricHistory.empty());
    }

    /**
     * Puts the parts together, derives the flat metric rows, evaluates the alert rules, adds data-quality
     * alerts, checks each watched metric against its own history and the run's metric vector against the previous
     * runs' vectors (isolation forest).
     */
    public RunResult assemble(RunInfo info, long referenceRows, long currentRows, DriftSection drift,
                              PerformanceSection performance, QualityReport quality, long durationMs,
                              MetricHistory history) {
        List<MetricRow> metrics = new ArrayList<>(MetricRows.of(drift, performance, quality, config));
        AlertEvaluator.Decision decision = AlertEvaluator.of(config).decide(metrics);
        List<Alert> alerts = new ArrayList<>(decision.alerts());
        metrics = AlertEvaluator.markHeld(metrics, decision);
        alerts.addAll(QualityAlerts.of(quality));
        alerts.addAll(MaskedDriftAlerts.of(drift.segmentDrift(), config.drift().withinSegments()));
        List<MetricRow> anomalies = AnomalyScan.scan(metrics, history, config.anomaly(), config.noiseBands().sigma(),
                alerts);
        MultivariateAnomaly multivariate = MultivariateAnomalyScan.scan(metrics, history,
                config.anomaly().isolationForest(), alerts);
        metrics.addAll(anomalies);
        metrics.addAll(MultivariateAnomalyScan.rows(multivariate));
        alerts.sort(java.util.Comparator.comparing(Alert::severity));
        RunSummary summary = new RunSummary(info.runId(), info.modelId(), info.snapshotDate(),
                new RunSummary.Inputs(info.referenceSource(), info.currentSource(), info.labelsSource()),
                referenceRows, currentRows, performance.concept().labelledRows(), info.startedAt(), durationMs,
                info.referenceId(), info.referenceVersion());
        RootCauseReport rootCause = performance.performance() == null ? null : rootCause(drift, performance);
        return new RunResult(RunResult.SCHEMA_VERSION, summary, drift.drift(), drift.psi(), performance.performance(),
                performance.reference(), performance.estimated(), performance.concept(), quality,
                performance.segments(), performance.importance(), rootCause, alerts, metrics, multivariate,
                decision.heldBack(), drift.segmentDrift());
    }

    /**
     * What the realised performance of a matured cohort raises on its own (the services' {@code labels.ready} path):
     * the section's metric rows with their bands, the baseline ({@code reference/*}) rows left out; the configured
     * rules and bands over them; and each watched metric checked against {@code history}, the earlier cohorts'
     * values, realised ones included (so a realised recall is compared with the realised recalls before it).
     *
     * @param metrics  the rows (held-back ones marked) and the anomaly rows
     * @param alerts   rule and anomaly alerts, most severe first
     * @param heldBack the threshold crossings the bands held back
     */
    public record RealisedEvaluation(List<MetricRow> metrics, List<Alert> alerts,
                                     List<AlertEvaluator.HeldBack> heldBack) {
    }

    /** See {@link RealisedEvaluation}. */
    public RealisedEvaluation realised(PerformanceSection section, MetricHistory history) {
        List<MetricRow> rows = MetricRows.ofPerformance(section).stream()
                .filter(r -> !"reference".equals(r.category())).toList();
        AlertEvaluator.Decision decision = AlertEvaluator.of(config).decide(rows);
        List<Alert> alerts = new ArrayList<>(decision.alerts());
        List<MetricRow> metrics = AlertEvaluator.markHeld(rows, decision);
        metrics.addAll(AnomalyScan.scan(metrics, history, config.anomaly(), config.noiseBands().sigma(), alerts));
        alerts.sort(java.util.Comparator.comparing(Alert::severity));
        return new RealisedEvaluation(metrics, alerts, decision.heldBack());
    }

    /**
     * Ranks drifted features by PSI and segments by their contribution to the recall change (population
     * shift vs within-segment degradation, see {@link RootCauseAnalysis}), with example missed churners.
     */
    private RootCauseReport rootCause(DriftSection drift, PerformanceSection performance) {
        Map<String, Boolean> drifted = new LinkedHashMap<>();
        drift.drift().columns().forEach(c -> drifted.put(c.column(), c.drifted()));
        List<FeatureDrift> features = drift.psi().stream().filter(p -> ROLE_FEATURE.equals(p.role()))
                .map(p -> new FeatureDrift(p.column(), p.value(), drifted.getOrDefault(p.column(), false))).toList();
        List<SegmentRecall> segments = new ArrayList<>();
        Map<String, SegmentRow> byKey = new LinkedHashMap<>();
        for (SegmentRow s : performance.segments()) {
            byKey.put(s.key(), s);
            segments.add(new SegmentRecall(s.dimension(), s.segment(), s.referenceCount(), s.count(),
                    s.referenceChurners(), s.churners(), s.referenceChurners() == 0 ? null : s.referenceRecall(),
                    s.churners() == 0 ? null : s.recall()));
        }
        RootCauseReport report;
        try {
            report = RootCauseAnalysis.withDefaults().analyse(features, segments, (dimension, segment) -> {
                SegmentRow row = byKey.get(dimension + "=" + segment);
                return row == null ? List.of() : row.missedChurners();
            });
        } catch (IllegalArgumentException e) {
            // segments that do not partition the same labelled rows (no reference labels): features only
            report = RootCauseAnalysis.withDefaults().analyse(features, List.of());
        }
        return SegmentDriftCauses.explain(report, drift.segmentDrift().stream().filter(SegmentFeatureDrift::drifted)
                .map(d -> new SegmentDriftCause(d.dimension(), d.segment(), d.column(), d.method(),
                        d.adjustedPValue() != null ? d.adjustedPValue() : d.score(), d.psi(), d.masked(), null, null))
                .toList());
    }

    /** All parts in one process (the CLI), without history. */
    public RunResult run(RunInfo info, ReferenceProfile profile, ColumnBatch current) {
        return run(info, profile, current, MetricHistory.empty());
    }

    /** All parts in one process (the CLI), with the metric history of earlier runs for anomaly detection. */
    public RunResult run(RunInfo info, ReferenceProfile profile, ColumnBatch current, MetricHistory history) {
        long t0 = System.nanoTime();
        // the sections are independent: their serial parts overlap with the parallel column loops
        CompletableFuture<PerformanceSection> p = CompletableFuture.supplyAsync(() -> performance(profile, current));
        CompletableFuture<QualityReport> q = CompletableFuture.supplyAsync(() -> quality(current));
        DriftSection d = drift(profile, current);
        return assemble(info, profile.rows(), current.rowCount(), d, join(p), join(q),
                (System.nanoTime() - t0) / 1_000_000, history);
    }

    // ---------------------------------------------------------------------------------------- outcomes

    /**
     * Labels, scores and predicted classes of a batch. {@code yTrue[i]} is -1 where the label is missing;
     * {@code yPred} comes from the class column, or from {@code probability >= classification_threshold}
     * when the class column is absent or null.
     */
    record Outcomes(int[] yTrue, int[] yPred, double[] score, long labelled, Double churnRate, Double predictedRate,
                    ClassificationReport report) {

        /** Rows with a score, a predicted class and a label. */
        int[] scoredLabelledRows() {
            return IntStream.range(0, score.length)
                    .filter(i -> yTrue[i] >= 0 && yPred[i] >= 0 && !Double.isNaN(score[i])).toArray();
        }
    }

    /**
     * Labels, predicted classes and scores of a batch or chunk, one per row: {@code yTrue} 0/1 or -1 without a
     * label; {@code yPred} from the class column, or {@code probability >= classification_threshold} when the
     * class is absent or null, -1 without either; {@code score} NaN when missing.
     */
    record OutcomeArrays(int[] yTrue, int[] yPred, double[] score) {
    }

    OutcomeArrays outcomeArrays(ColumnBatch batch) {
        int n = batch.rowCount();
        double[] score = batch.find(config.roles().probability()).map(this::asNumeric).map(NumericColumn::values)
                .orElseGet(() -> filled(n));
        double[] cls = batch.find(config.roles().predictedClass()).filter(NumericColumn.class::isInstance)
                .map(c -> ((NumericColumn) c).values()).orElse(null);
        double[] target = batch.find(config.roles().target()).filter(NumericColumn.class::isInstance)
                .map(c -> ((NumericColumn) c).values()).orElse(null);
        int[] yTrue = new int[n];
        int[] yPred = new int[n];
        for (int i = 0; i < n; i++) {
            double t = target == null ? Double.NaN : target[i];
            yTrue[i] = t == 0 ? 0 : t == 1 ? 1 : -1;
            double c = cls == null ? Double.NaN : cls[i];
            yPred[i] = c == 0 ? 0 : c == 1 ? 1 : Double.isNaN(score[i]) ? -1
                    : score[i] >= config.classificationThreshold() ? 1 : 0;
        }
        return new OutcomeArrays(yTrue, yPred, score);
    }

    /** The outcomes of a batch (every value is per row) with its label counts and classification report. */
    Outcomes outcomes(ColumnBatch batch) {
        int n = batch.rowCount();
        OutcomeArrays arrays = outcomeArrays(batch);
        int[] yTrue = arrays.yTrue();
        int[] yPred = arrays.yPred();
        double[] score = arrays.score();
        long labelled = 0;
        long positives = 0;
        long predictedPositives = 0;
        long predicted = 0;
        for (int i = 0; i < n; i++) {
            if (yPred[i] >= 0) {
                predicted++;
                predictedPositives += yPred[i];
            }
            if (yTrue[i] >= 0) {
                labelled++;
                positives += yTrue[i];
            }
        }
        ClassificationReport report = null;
        if (labelled > 0) {
            int[] rows = IntStream.range(0, n)
                    .filter(i -> yTrue[i] >= 0 && yPred[i] >= 0 && !Double.isNaN(score[i])).toArray();
            if (rows.length > 0) {
                report = ClassificationMetrics.compute(pick(yTrue, rows), pick(score, rows), pick(yPred, rows));
            }
        }
        return new Outcomes(yTrue, yPred, score, report == null ? 0 : labelled,
                labelled == 0 ? null : (double) positives / labelled,
                predicted == 0 ? null : (double) predictedPositives / predicted, report);
    }

    // ----------------------------------------------------------------------------------------- helpers

    /** The value of a section computed in parallel, with its own exception (not a CompletionException). */
    static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    private static int[] pick(int[] values, int[] rows) {
        int[] out = new int[rows.length];
        for (int k = 0; k < rows.length; k++) {
            out[k] = values[rows[k]];
        }
        return out;
    }

    private static double[] pick(double[] values, int[] rows) {
        double[] out = new double[rows.length];
        for (int k = 0; k < rows.length; k++) {
            out[k] = values[rows[k]];
        }
        return out;
    }

    /** A banded dimension needs numbers; a categorical one needs categories (numbers become labels). */
    Column segmentColumn(SegmentSpec spec, Column column) {
        return spec.isBanded() ? asNumeric(column) : asCategorical(column);
    }

    private static double[] filled(int n) {
        double[] a = new double[n];
        Arrays.fill(a, Double.NaN);
        return a;
    }

    NumericColumn asNumeric(Column c) {
        if (c instanceof NumericColumn n) {
            return n;
        }
        throw new IllegalArgumentException("column '" + c.name() + "' must be numeric, but was read as "
                + c.getClass().getSimpleName());
    }

    CategoricalColumn asCategorical(Column c) {
        if (c instanceof CategoricalColumn cat) {
            return cat;
        }
        if (c instanceof NumericColumn n) {
            // a categorical feature whose values happen to be numbers
            String[] dict = Arrays.stream(n.values()).filter(v -> !Double.isNaN(v)).distinct()
                    .mapToObj(CategoricalSample::numberLabel).toArray(String[]::new);
            Map<String, Integer> code = new LinkedHashMap<>();
            for (String d : dict) {
                code.put(d, code.size());
            }
            int[] codes = new int[n.size()];
            for (int i = 0; i < codes.length; i++) {
                double v = n.values()[i];
                codes[i] = Double.isNaN(v) ? CategoricalColumn.NULL_CODE : code.get(CategoricalSample.numberLabel(v));
            }
            return new CategoricalColumn(c.name(), List.of(dict), codes);
        }
        throw new IllegalArgumentException("column '" + c.name() + "' must be categorical, but was read as "
                + c.getClass().getSimpleName());
    }

    private static CategoricalSample categoricalSample(CategoricalColumn c) {
        long[] counts = c.counts();
        Map<String, Long> map = new LinkedHashMap<>();
        for (int i = 0; i < counts.length; i++) {
            map.merge(c.dictionary().get(i), counts[i], Long::sum);
        }
        return CategoricalSample.ofCounts(map);
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
