package io.modelwatch.core.rootcause;

import java.util.List;

/**
 * Why a metric moved: features ranked by drift, segments ranked by their contribution to the recall
 * change, a one-line hypothesis and example rows behind it.
 *
 * @param referenceRecall  overall reference recall {@code R} ({@code null} without segment data or churners)
 * @param currentRecall    overall current recall {@code R'}
 * @param recallChange     {@code R' − R}
 * @param rankedFeatures   features by PSI, highest first
 * @param rankedSegments   segments of every dimension by total effect, most negative first
 * @param hypothesis       one line, for people
 * @param exampleRowIds    ids of example rows in the top segment (at most the configured cap)
 * @param segmentDrift     features drifted inside a segment, the segments that pulled recall down most first
 *                         ({@link SegmentDriftCauses})
 */
public record RootCauseReport(Double referenceRecall, Double currentRecall, Double recallChange,
                              List<RankedFeature> rankedFeatures, List<SegmentContribution> rankedSegments,
                              String hypothesis, List<String> exampleRowIds, List<SegmentDriftCause> segmentDrift) {

    /** A report without drift inside segments. */
    public RootCauseReport(Double referenceRecall, Double currentRecall, Double recallChange,
                           List<RankedFeature> rankedFeatures, List<SegmentContribution> rankedSegments,
                           String hypothesis, List<String> exampleRowIds) {
        this(referenceRecall, currentRecall, recallChange, rankedFeatures, rankedSegments, hypothesis, exampleRowIds,
                List.of());
    }

    public RootCauseReport {
        rankedFeatures = List.copyOf(rankedFeatures);
        rankedSegments = List.copyOf(rankedSegments);
        exampleRowIds = List.copyOf(exampleRowIds);
        segmentDrift = segmentDrift == null ? List.of() : List.copyOf(segmentDrift);
    }
}
