package io.modelwatch.core.rootcause;

import io.modelwatch.core.synth.GeneratedChurnBatch;
import io.modelwatch.core.synth.Scenario;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class RootCauseAnalysisTest {

    private static final double EPS = 1e-12;

    private static SegmentRecall seg(String dim, String name, long refRows, long refChurners, Double refRecall,
                                     long curRows, long curChurners, Double curRecall) {
        return new SegmentRecall(dim, name, refRows, curRows, refChurners, curChurners, refRecall, curRecall);
    }

    @Test
    void oneDegradedSegmentRanksFirstWithTheWholeDropWithinIt() {
        // contract: A recall 0.9 -> 0.5 on 200 of 300 churners, B unchanged at 0.6.
        // R = (180 + 60) / 300 = 0.8, R' = (100 + 60) / 300 = 0.5333; A within = 2/3 · (0.5 − 0.9) = −0.2667.
        // region splits the same rows evenly, each region's recall 0.8 -> 0.5333: within = 0.5 · −0.2667 = −0.1333.
        List<SegmentRecall> segments = List.of(
                seg("contract", "A", 600, 200, 0.9, 600, 200, 0.5),
                seg("contract", "B", 400, 100, 0.6, 400, 100, 0.6),
                seg("region", "X", 500, 150, 0.8, 500, 150, 80.0 / 150),
                seg("region", "Y", 500, 150, 0.8, 500, 150, 80.0 / 150));
        List<FeatureDrift> features = List.of(new FeatureDrift("monthly_charges", 0.02, false),
                new FeatureDrift("account_age", 1.9, true));
        RootCauseReport report = RootCauseAnalysis.withDefaults().analyse(features, segments,
                (d, s) -> List.of("c1", "c2"));

        assertThat(report.referenceRecall()).isCloseTo(0.8, within(EPS));
        assertThat(report.currentRecall()).isCloseTo(160.0 / 300, within(EPS));
        SegmentContribution top = report.rankedSegments().get(0);
        assertThat(top.key()).isEqualTo("contract=A");
        assertThat(top.rank()).isEqualTo(1);
        assertThat(top.mixEffect()).isCloseTo(0, within(EPS));
        assertThat(top.withinEffect()).isCloseTo(2.0 / 3 * -0.4, within(EPS));
        assertThat(report.rankedSegments().get(1).withinEffect()).isCloseTo(0.5 * (160.0 / 300 - 0.8), within(EPS));
        assertThat(report.rankedSegments()).extracting(SegmentContribution::key)
                .containsExactly("contract=A", "region=X", "region=Y", "contract=B");
        assertThat(report.hypothesis()).isEqualTo("Recall fell 0.27 (0.80 → 0.53); 0.27 of it within segment "
                + "contract=A (recall 0.90 → 0.50); top drifted feature account_age (PSI 1.90)");
        assertThat(report.exampleRowIds()).containsExactly("c1", "c2");
        assertThat(report.rankedFeatures()).extracting(RankedFeature::feature)
                .containsExactly("account_age", "monthly_charges");
    }

    @Test
    void populationShiftIsSeparatedFromDegradation() {
        // A recall 0.5, B recall 0.9, both unchanged; churners move from 100/300 to 200/200.
        // R = (50 + 270) / 400 = 0.8, R' = (100 + 180) / 400 = 0.7;
        // mix_A = (0.5 − 0.25)(0.5 − 0.8) = −0.075, mix_B = (0.5 − 0.75)(0.9 − 0.8) = −0.025
        List<SegmentRecall> segments = List.of(
                seg("tenure", "A", 1000, 100, 0.5, 1000, 200, 0.5),
                seg("tenure", "B", 1000, 300, 0.9, 1000, 200, 0.9));
        RootCauseReport report = RootCauseAnalysis.withDefaults().analyse(List.of(), segments);
        assertThat(report.recallChange()).isCloseTo(-0.1, within(EPS));
        SegmentContribution a = report.rankedSegments().get(0);
        SegmentContribution b = report.rankedSegments().get(1);
        assertThat(a.key()).isEqualTo("tenure=A");
        assertThat(a.mixEffect()).isCloseTo(-0.075, within(EPS));
        assertThat(b.mixEffect()).isCloseTo(-0.025, within(EPS));
        assertThat(a.withinEffect()).isCloseTo(0, within(EPS));
        assertThat(b.withinEffect()).isCloseTo(0, within(EPS));
        assertThat(report.hypothesis()).startsWith("Recall fell 0.10 (0.80 → 0.70); ")
                .contains("of it from more churners in segment tenure=A (share 0.25 → 0.50, recall 0.50)");
        assertThat(report.exampleRowIds()).isEmpty();
    }

    @Test
    void effectsAddUpToTheChangeEvenWithEmptySegments() {
        // C has no reference churners (uses r_s = R), D no current churners
        List<SegmentRecall> segments = List.of(
                seg("d", "A", 500, 100, 0.8, 400, 80, 0.7),
                seg("d", "C", 100, 0, null, 200, 20, 0.4),
                seg("d", "D", 400, 60, 0.5, 400, 0, null));
        RootCauseReport report = RootCauseAnalysis.withDefaults().analyse(List.of(), segments);
        double r = (80 + 30) / 160.0;
        double rPrime = (56 + 8) / 100.0;
        assertThat(report.recallChange()).isCloseTo(rPrime - r, within(EPS));
        double sum = report.rankedSegments().stream().mapToDouble(SegmentContribution::totalEffect).sum();
        assertThat(sum).isCloseTo(rPrime - r, within(EPS));
        SegmentContribution c = report.rankedSegments().stream().filter(s -> s.segment().equals("C")).findFirst().orElseThrow();
        assertThat(c.mixEffect()).isCloseTo(0, within(EPS));
        assertThat(c.withinEffect()).isCloseTo(0.2 * (0.4 - r), within(EPS));
    }

    @Test
    void heldRecallAndNoDriftedFeature() {
        List<SegmentRecall> segments = List.of(seg("d", "A", 100, 50, 0.8, 100, 50, 0.8));
        RootCauseReport report = RootCauseAnalysis.withDefaults().analyse(
                List.of(new FeatureDrift("x", 0.03, false), new FeatureDrift("y", Double.NaN, false)), segments);
        assertThat(report.hypothesis()).isEqualTo("Recall held at 0.80; no feature drifted (highest PSI x 0.03)");
        assertThat(report.rankedFeatures()).extracting(RankedFeature::feature).containsExactly("x", "y");
    }

    @Test
    void examplesAreCapped() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            ids.add("id" + i);
        }
        List<SegmentRecall> segments = List.of(seg("d", "A", 100, 50, 0.8, 100, 50, 0.4));
        assertThat(RootCauseAnalysis.withDefaults().analyse(List.of(), segments, (d, s) -> ids).exampleRowIds())
                .hasSize(10).startsWith("id0");
        assertThat(RootCauseAnalysis.withDefaults().withMaxExamples(3).analyse(List.of(), segments, (d, s) -> ids)
                .exampleRowIds()).containsExactly("id0", "id1", "id2");
    }

    @Test
    void rejectsInconsistentInputsNamingThem() {
        assertThatThrownBy(() -> RootCauseAnalysis.withDefaults().analyse(List.of(), List.of(
                seg("d", "A", 100, 50, 0.8, 100, 50, 0.4), seg("d", "A", 100, 50, 0.8, 100, 50, 0.4))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("d=A is given twice");
        assertThatThrownBy(() -> RootCauseAnalysis.withDefaults().analyse(List.of(), List.of(
                seg("d", "A", 100, 50, 0.8, 100, 50, 0.4), seg("e", "X", 100, 40, 0.8, 100, 50, 0.4))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("partition").hasMessageContaining("e covers");
        assertThatThrownBy(() -> seg("d", "A", 100, 0, 0.8, 100, 50, 0.4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("d=A: reference recall");
        assertThatThrownBy(() -> seg("d", "A", 10, 50, 0.8, 100, 50, 0.4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("50 churners of 10 rows");
        assertThatThrownBy(() -> new FeatureDrift("x", -0.1, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-0.1");
    }

    // ---- on the synthetic churn process ----

    @Test
    void segmentScenarioPutsMonthToMonthFirst() {
        GeneratedChurnBatch ref = GeneratedChurnBatch.generate(Scenario.STABLE, 20_000, 7, "R");
        GeneratedChurnBatch cur = GeneratedChurnBatch.generate(Scenario.SEGMENT, 5_000, 11, "C");
        List<SegmentRecall> segments = new ArrayList<>();
        segments.addAll(segmentRecalls("contract_type", ref, cur, b -> b.column("contract_type")));
        segments.addAll(segmentRecalls("tenure_band", ref, cur, b -> band(b.numeric("account_age"), 12, 24, 48)));
        segments.addAll(segmentRecalls("charge_band", ref, cur, b -> band(b.numeric("monthly_charges"), 40, 70, 100)));

        RootCauseReport report = RootCauseAnalysis.withDefaults().analyse(List.of(), segments,
                (d, s) -> falseNegatives(cur, d.equals("contract_type") ? cur.column(d) : null, s));
        System.out.println("SEGMENT day: " + report.hypothesis());
        report.rankedSegments().stream().limit(4).forEach(c -> System.out.printf(java.util.Locale.ROOT,
                "  %d %-32s mix %+.4f within %+.4f total %+.4f%n", c.rank(), c.key(), c.mixEffect(),
                c.withinEffect(), c.totalEffect()));
        assertThat(report.rankedSegments().get(0).key()).isEqualTo("contract_type=Month-to-month");
        assertThat(report.recallChange()).isNegative();
        assertThat(report.hypothesis()).contains("within segment contract_type=Month-to-month");
        assertThat(report.exampleRowIds()).hasSize(10).allMatch(id -> id.startsWith("C"));
    }

    @Test
    void driftScenarioPutsAccountAgeFirst() {
        GeneratedChurnBatch ref = GeneratedChurnBatch.generate(Scenario.STABLE, 20_000, 7, "R");
        GeneratedChurnBatch cur = GeneratedChurnBatch.generate(Scenario.DRIFT, 5_000, 11, "C");
        List<FeatureDrift> features = new ArrayList<>();
        for (String f : List.of("account_age", "monthly_charges", "total_charges", "customer_age", "support_tickets_90d",
                "satisfaction_score", "days_since_last_login", "discount_pct", "avg_call_minutes")) {
            double psi = psi(ref.numeric(f), cur.numeric(f));
            features.add(new FeatureDrift(f, psi, psi >= 0.1));
        }
        RootCauseReport report = RootCauseAnalysis.withDefaults().analyse(features, List.of());
        System.out.println("DRIFT day: " + report.hypothesis() + " " + report.rankedFeatures().subList(0, 3));
        assertThat(report.rankedFeatures().get(0).feature()).isEqualTo("account_age");
        assertThat(report.rankedFeatures().get(0).drifted()).isTrue();
        assertThat(report.hypothesis()).startsWith("top drifted feature account_age");
    }

    private static String[] band(double[] v, double... upperEdges) {
        String[] out = new String[v.length];
        for (int i = 0; i < v.length; i++) {
            int b = 0;
            while (b < upperEdges.length && v[i] > upperEdges[b]) {
                b++;
            }
            out[i] = Double.isNaN(v[i]) ? "(missing)" : "band" + b;
        }
        return out;
    }

    private static List<SegmentRecall> segmentRecalls(String dim, GeneratedChurnBatch ref, GeneratedChurnBatch cur,
                                                      Function<GeneratedChurnBatch, String[]> key) {
        Map<String, long[]> r = counts(ref, key.apply(ref));
        Map<String, long[]> c = counts(cur, key.apply(cur));
        List<SegmentRecall> out = new ArrayList<>();
        java.util.TreeSet<String> all = new java.util.TreeSet<>(r.keySet());
        all.addAll(c.keySet());
        for (String s : all) {
            long[] a = r.getOrDefault(s, new long[3]);
            long[] b = c.getOrDefault(s, new long[3]);
            out.add(new SegmentRecall(dim, s, a[0], b[0], a[1], b[1], a[1] == 0 ? null : (double) a[2] / a[1],
                    b[1] == 0 ? null : (double) b[2] / b[1]));
        }
        return out;
    }

    /** Per segment: rows, churners, caught churners. */
    private static Map<String, long[]> counts(GeneratedChurnBatch b, String[] key) {
        Map<String, long[]> m = new LinkedHashMap<>();
        for (int i = 0; i < b.rows(); i++) {
            long[] t = m.computeIfAbsent(key[i], k -> new long[3]);
            t[0]++;
            t[1] += b.actual()[i];
            t[2] += b.actual()[i] & b.predicted()[i];
        }
        return m;
    }

    private static List<String> falseNegatives(GeneratedChurnBatch b, String[] key, String segment) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; key != null && i < b.rows(); i++) {
            if (key[i].equals(segment) && b.actual()[i] == 1 && b.predicted()[i] == 0) {
                ids.add(b.customerId()[i]);
            }
        }
        return ids;
    }

    /** Test-only PSI: 10 reference-quantile bins, shares floored at 1e-4, Σ (c − r)·ln(c / r). */
    private static double psi(double[] ref, double[] cur) {
        double[] r = Arrays.stream(ref).filter(Double::isFinite).sorted().toArray();
        double[] edges = new double[9];
        for (int k = 1; k <= 9; k++) {
            edges[k - 1] = r[(int) ((long) k * r.length / 10)];
        }
        double[] rs = shares(r, edges);
        double[] cs = shares(Arrays.stream(cur).filter(Double::isFinite).toArray(), edges);
        double psi = 0;
        for (int k = 0; k < rs.length; k++) {
            psi += (cs[k] - rs[k]) * Math.log(cs[k] / rs[k]);
        }
        return psi;
    }

    private static double[] shares(double[] v, double[] edges) {
        double[] s = new double[edges.length + 1];
        for (double x : v) {
            int b = 0;
            while (b < edges.length && x > edges[b]) {
                b++;
            }
            s[b]++;
        }
        for (int k = 0; k < s.length; k++) {
            s[k] = Math.max(1e-4, s[k] / v.length);
        }
        return s;
    }
}
