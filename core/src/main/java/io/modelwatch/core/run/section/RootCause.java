package io.modelwatch.core.run.section;

import io.modelwatch.core.result.ColumnRole;
import io.modelwatch.core.result.DriftSection;
import io.modelwatch.core.result.PerformanceSection;
import io.modelwatch.core.result.SegmentFeatureDrift;
import io.modelwatch.core.result.SegmentRow;
import io.modelwatch.core.rootcause.FeatureDrift;
import io.modelwatch.core.rootcause.RootCauseAnalysis;
import io.modelwatch.core.rootcause.RootCauseReport;
import io.modelwatch.core.rootcause.SegmentDriftCause;
import io.modelwatch.core.rootcause.SegmentDriftCauses;
import io.modelwatch.core.rootcause.SegmentRecall;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The root-cause section: drifted features ranked by PSI and segments by their contribution to the recall change
 * (population shift vs within-segment degradation, see {@link RootCauseAnalysis}), with example missed churners,
 * explained by the drift inside segments ({@link SegmentDriftCauses}).
 */
public final class RootCause {

    private RootCause() {
    }

    /** The root cause of a run whose labels have matured ({@code performance.performance()} is not null). */
    public static RootCauseReport of(DriftSection drift, PerformanceSection performance) {
        Map<String, Boolean> drifted = new LinkedHashMap<>();
        drift.drift().columns().forEach(c -> drifted.put(c.column(), c.drifted()));
        List<FeatureDrift> features = drift.psi().stream().filter(p -> ColumnRole.FEATURE.equals(p.role()))
                .map(p -> new FeatureDrift(p.column(), p.value(), drifted.getOrDefault(p.column(), false))).toList();
        List<SegmentRecall> segments = new ArrayList<>();
        Map<String, SegmentRow> byKey = new LinkedHashMap<>();
        for (SegmentRow s : performance.segments()) {
            byKey.put(s.key(), s);
            segments.add(new SegmentRecall(s.dimension(), s.segment(), s.referenceCount(), s.count(),
                    s.referenceChurners(), s.churners(), s.referenceChurners() == 0 ? null : s.referenceRecall(),
                    s.churners() == 0 ? null : s.recall()));
        }
        // segments that do not partition the same labelled rows (no reference labels) say nothing: features only
        RootCauseReport report = RootCauseAnalysis.partitionSameRows(segments)
                ? RootCauseAnalysis.withDefaults().analyse(features, segments, (dimension, segment) -> {
                    SegmentRow row = byKey.get(dimension + "=" + segment);
                    return row == null ? List.of() : row.missedChurners();
                })
                : RootCauseAnalysis.withDefaults().analyse(features, List.of());
        return SegmentDriftCauses.explain(report, drift.segmentDrift().stream().filter(SegmentFeatureDrift::drifted)
                .map(d -> new SegmentDriftCause(d.dimension(), d.segment(), d.column(), d.method(),
                        d.adjustedPValue() != null ? d.adjustedPValue() : d.score(), d.psi(), d.masked(), null, null))
                .toList());
    }
}
