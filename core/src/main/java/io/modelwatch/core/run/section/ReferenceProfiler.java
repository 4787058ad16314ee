package io.modelwatch.core.run.section;

import io.modelwatch.core.config.FeatureSpec;
import io.modelwatch.core.config.MonitoringConfig;
import io.modelwatch.core.data.Column;
import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.data.NumericColumn;
import io.modelwatch.core.drift.ChunkValueRanks;
import io.modelwatch.core.drift.ColumnKind;
import io.modelwatch.core.drift.NumericSample;
import io.modelwatch.core.estimation.ConfidenceBasedEstimator;
import io.modelwatch.core.estimation.PerformanceEstimator;
import io.modelwatch.core.importance.WoeIvResult;
import io.modelwatch.core.performance.ClassificationReport;
import io.modelwatch.core.profile.ColumnProfile;
import io.modelwatch.core.profile.ReferenceProfile;
import io.modelwatch.core.result.SegmentRow;
import io.modelwatch.core.stability.PsiBins;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

/**
 * The profile section: the reference side of every other section, computed once (value runs and category counts
 * per column with frozen PSI bins, baseline metrics, segments, per-segment prediction bins and feature profiles,
 * WoE/IV, the CBPE calibration) with the configuration in it.
 */
public final class ReferenceProfiler {

    private final MonitoringConfig config;
    private final SegmentRows segments;

    public ReferenceProfiler(MonitoringConfig config, SegmentRows segments) {
        this.config = config;
        this.segments = segments;
    }

    /** Computes the reference profile; store it with {@link ReferenceProfile#toBytes()}. */
    public ReferenceProfile profile(ColumnBatch reference) {
        int bins = config.drift().psiBins();
        List<FeatureSpec> present = config.features().stream().filter(f -> reference.has(f.name())).toList();
        ColumnProfile[] profiles = new ColumnProfile[present.size()];
        WoeIvResult[] woes = new WoeIvResult[present.size()];
        Outcomes outcomes = Outcomes.of(reference, config);
        boolean woeWanted = outcomes.labelled() > 0;
        boolean allLabelled = woeWanted && Arrays.stream(outcomes.yTrue()).allMatch(y -> y >= 0);
        // each numeric feature ranked once (a hash table of its distinct values, or one sort): its profile and the
        // profiles of its segments' rows are counted from the ranks instead of sorting the column and every segment
        // (the probability too: its profile and its bins inside every segment)
        String probability = config.roles().probability();
        Map<String, ChunkValueRanks> ranks = SegmentBatches.allRanks(reference, java.util.stream.Stream.concat(
                present.stream().filter(f -> f.kind() == ColumnKind.NUMERIC).map(FeatureSpec::name),
                java.util.stream.Stream.of(probability)).distinct().toList());
        // a column holding -0.0 is profiled from its values sorted instead: a sort puts -0.0 before 0.0, the ranks
        // count it as 0.0 (ColumnProfiles.numeric refuses them)
        ranks.values().removeIf(ChunkValueRanks::hasNegativeZero);
        ChunkValueRanks probabilityRanks = ranks.get(probability);
        // per column, the profile and WoE/IV run in parallel, alongside the serial work below
        CompletableFuture<Void> columnsDone = CompletableFuture.runAsync(() -> IntStream.range(0, present.size())
                .parallel().forEach(i -> {
                    Column column = reference.column(present.get(i).name());
                    boolean numeric = present.get(i).kind() == ColumnKind.NUMERIC;
                    ChunkValueRanks r = numeric ? ranks.get(column.name()) : null;
                    double[] sorted;
                    if (r != null) {
                        ChunkValueRanks.Subset values = r.subset(null);
                        sorted = values.runs().expand(); // the sorted values: no -0.0 to sort before 0.0
                        profiles[i] = ColumnProfiles.numeric(column.name(), r.rows(), values.nulls(), values.runs(),
                                sorted, bins);
                    } else {
                        NumericSample sample = numeric ? NumericSample.of(ColumnCoercion.numeric(column).values()) : null;
                        sorted = sample == null ? null : sample.sorted();
                        profiles[i] = ColumnProfiles.of(column, present.get(i).kind(), sample, bins);
                    }
                    if (woeWanted) {
                        boolean reuse = allLabelled && sorted != null && column instanceof NumericColumn n
                                && sorted.length + profiles[i].nullCount() == n.size(); // no infinities dropped
                        woes[i] = ImportanceRows.reference(column, outcomes.yTrue(), reuse ? sorted : null);
                    }
                }));
        CompletableFuture<ColumnProfile> predictionDone = CompletableFuture.supplyAsync(() ->
                reference.find(probability).map(c -> probabilityRanks != null
                        ? ColumnProfiles.numeric(c.name(), probabilityRanks, null, bins)
                        : ColumnProfiles.of(c, ColumnKind.NUMERIC, NumericSample.of(ColumnCoercion.numeric(c).values()),
                        bins)).orElse(null));

        ClassificationReport performance = outcomes.labelled() > 0 ? outcomes.report() : null;
        List<SegmentRow> segmentRows = segments.of(reference, outcomes, null);
        Map<String, PsiBins> segmentBins = segments.predictionBins(reference, probabilityRanks);
        Map<String, Map<String, ColumnProfile>> segmentColumns = SegmentDriftAccumulator.reference(config, reference, ranks);
        ConfidenceBasedEstimator estimator = null;
        if (performance != null) {
            OutcomeArrays scored = outcomes.arrays().rows(outcomes.arrays().scoredLabelledRows());
            estimator = PerformanceEstimator.withDefaults().fit(scored.score(), scored.yTrue(), scored.yPred());
        }
        Futures.join(columnsDone);
        Map<String, ColumnProfile> columns = new LinkedHashMap<>();
        Map<String, WoeIvResult> woe = new LinkedHashMap<>();
        for (int i = 0; i < profiles.length; i++) {
            columns.put(profiles[i].name(), profiles[i]);
            if (woeWanted) {
                woe.put(present.get(i).name(), woes[i]);
            }
        }
        ColumnProfile prediction = Futures.join(predictionDone);
        return new ReferenceProfile(ReferenceProfile.FORMAT_VERSION, reference.source(), reference.rowCount(), config,
                columns, prediction, ColumnProfiles.ofLabel(reference, config.roles().predictedClass(), bins),
                ColumnProfiles.ofLabel(reference, config.roles().target(), bins), performance, outcomes.churnRate(),
                outcomes.predictedRate(), segmentRows, segmentBins, woe, estimator,
                ReferenceProfile.woeNoise(woe, config), segmentColumns);
    }
}
