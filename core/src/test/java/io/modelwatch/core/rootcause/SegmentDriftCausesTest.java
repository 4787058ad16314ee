package io.modelwatch.core.rootcause;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The drift inside segments in the root cause: ranked by the segment's recall effect, named in the hypothesis. */
class SegmentDriftCausesTest {

    private static SegmentContribution segment(int rank, String name, double total) {
        return new SegmentContribution(rank, "plan", name, 0.5, 0.5, 0.5, 0.5, 0.8, 0.6, 100, 0, total, total);
    }

    private static SegmentDriftCause cause(String segment, String feature, boolean masked, double psi) {
        return new SegmentDriftCause("plan", segment, feature, "ks", 0.001, psi, masked, null, null);
    }

    private static final RootCauseReport REPORT = new RootCauseReport(0.8, 0.7, -0.1, List.of(),
            List.of(segment(1, "A", -0.08), segment(2, "B", -0.02)), "Recall fell 0.10 (0.80 → 0.70)", List.of());

    @Test
    void theSegmentThatPulledRecallDownMostComesFirstThenMaskedThenPsi() {
        RootCauseReport r = SegmentDriftCauses.explain(REPORT, List.of(cause("B", "f1", true, 0.5),
                cause("C", "f3", true, 0.9), cause("A", "f2", false, 0.1), cause("A", "f4", true, 0.05),
                cause("A", "f5", false, 0.3)));
        assertThat(r.segmentDrift()).extracting(SegmentDriftCause::feature).containsExactly("f4", "f5", "f2", "f1", "f3");
        assertThat(r.segmentDrift()).extracting(SegmentDriftCause::segmentRank).containsExactly(1, 1, 1, 2, null);
        assertThat(r.segmentDrift().get(0).segmentEffect()).isEqualTo(-0.08);
        assertThat(r.hypothesis()).isEqualTo("Recall fell 0.10 (0.80 → 0.70); drift inside segments: "
                + "f4 in plan=A (masked in the whole batch, PSI 0.05), f5 in plan=A (PSI 0.30), f2 in plan=A (PSI 0.10)");
    }

    @Test
    void withoutDriftInsideSegmentsTheReportIsUnchanged() {
        assertThat(SegmentDriftCauses.explain(REPORT, List.of())).isSameAs(REPORT);
    }
}
