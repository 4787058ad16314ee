package io.modelwatch.core.rootcause;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Adds the drift inside segments to a root-cause report: the features drifted inside a segment are ranked by their
 * segment's rank in the recall decomposition (the segment that pulled recall down most first; unranked segments last),
 * then masked before not, then PSI (highest first); the hypothesis names the first {@link #NAMED} of them, segment and
 * feature, so a segment's recall drop is explained by the drift of its own rows.
 */
public final class SegmentDriftCauses {

    /** Causes named in the hypothesis line. */
    public static final int NAMED = 3;

    private SegmentDriftCauses() {
    }

    /**
     * The report with {@code drifted} (features drifted inside a segment; their rank fields are filled here) ranked
     * into it and named in its hypothesis.
     */
    public static RootCauseReport explain(RootCauseReport report, List<SegmentDriftCause> drifted) {
        if (drifted.isEmpty()) {
            return report;
        }
        Map<String, SegmentContribution> byKey = new HashMap<>();
        for (SegmentContribution s : report.rankedSegments()) {
            byKey.put(s.key(), s);
        }
        List<SegmentDriftCause> causes = new ArrayList<>();
        for (SegmentDriftCause c : drifted) {
            SegmentContribution s = byKey.get(c.key());
            causes.add(new SegmentDriftCause(c.dimension(), c.segment(), c.feature(), c.method(), c.score(), c.psi(),
                    c.masked(), s == null ? null : s.rank(), s == null ? null : s.totalEffect()));
        }
        causes.sort(Comparator.comparing((SegmentDriftCause c) -> c.segmentRank() == null ? Integer.MAX_VALUE
                        : c.segmentRank())
                .thenComparing(c -> !c.masked())
                .thenComparing(c -> c.psi() == null ? Double.NEGATIVE_INFINITY : c.psi(), Comparator.reverseOrder()));
        List<String> named = new ArrayList<>();
        for (SegmentDriftCause c : causes.subList(0, Math.min(NAMED, causes.size()))) {
            List<String> detail = new ArrayList<>();
            if (c.masked()) {
                detail.add("masked in the whole batch");
            }
            if (c.psi() != null) {
                detail.add(String.format(Locale.ROOT, "PSI %.2f", c.psi()));
            }
            named.add(c.feature() + " in " + c.key() + (detail.isEmpty() ? "" : " (" + String.join(", ", detail) + ")"));
        }
        String hypothesis = report.hypothesis() + "; drift inside segments: " + String.join(", ", named);
        return new RootCauseReport(report.referenceRecall(), report.currentRecall(), report.recallChange(),
                report.rankedFeatures(), report.rankedSegments(), hypothesis, report.exampleRowIds(), causes);
    }
}
