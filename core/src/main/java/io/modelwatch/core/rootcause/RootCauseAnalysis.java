package io.modelwatch.core.rootcause;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Ranks the likely causes of a change in recall: features by drift, segments by their contribution to the
 * change, and writes a one-line hypothesis.
 *
 * <p><b>Features</b> are ranked by PSI, highest first (features without a PSI last, then by name); the
 * drift test verdict is carried along.
 *
 * <p><b>Segments.</b> Within one dimension whose segments partition the rows, overall recall is the
 * churner-weighted mean of segment recalls,
 * <pre>  R = Σ_s w_s·r_s,   w_s = churners_s / Σ churners   (reference; primes for current)</pre>
 * so the change splits exactly into a population-shift (mix) part and a within-segment part:
 * <pre>
 *   R' − R = Σ_s (w'_s − w_s)·(r_s − R)  +  Σ_s w'_s·(r'_s − r_s)
 *            └─ mix: churners moved between segments ─┘  └─ within: segments got worse or better ─┘
 * </pre>
 * (the usual {@code Σ (w'_s − w_s)·r_s} mix term, with {@code R} subtracted; the sum is unchanged because
 * {@code Σ (w'_s − w_s) = 0}, and a segment's own term then says whether moving churners into it helped or
 * hurt: it hurts when its recall is below average). A segment with no reference churners uses
 * {@code r_s = R} (its mix term is 0, its within term {@code w'_s·(r'_s − R)}), one with no current
 * churners has {@code w'_s = 0} and so no within term; the identity still holds. Each segment's total
 * effect is its mix plus within term; segments of all dimensions are ranked by total effect, most
 * negative (largest contribution to a drop) first. Every dimension's effects add up to the same
 * {@code R' − R}; the report's overall recall is that of the top segment's dimension.
 *
 * <p><b>Hypothesis</b>, for example {@code "Recall fell 0.11 (0.83 → 0.72); 0.09 of it within segment
 * contract_type=Month-to-month (recall 0.89 → 0.54); top drifted feature account_age (PSI 1.90)"}.
 * A change smaller than {@value #HELD_TOLERANCE} in absolute value (prints as 0.00) is reported as held.
 * Example rows are asked from {@link ExampleRows} for the top segment only, at most
 * {@link #DEFAULT_MAX_EXAMPLES} by default.
 */
public final class RootCauseAnalysis {

    /** Default cap on example row ids in a report. */
    public static final int DEFAULT_MAX_EXAMPLES = 10;
    /** Recall changes below this in absolute value are reported as "held". */
    public static final double HELD_TOLERANCE = 0.005;

    private final int maxExamples;

    private RootCauseAnalysis(int maxExamples) {
        this.maxExamples = maxExamples;
    }

    public static RootCauseAnalysis withDefaults() {
        return new RootCauseAnalysis(DEFAULT_MAX_EXAMPLES);
    }

    /** Cap on example row ids ({@code >= 0}). */
    public RootCauseAnalysis withMaxExamples(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("max examples must be >= 0, got " + max);
        }
        return new RootCauseAnalysis(max);
    }

    /**
     * @param features per-feature drift (may be empty)
     * @param segments per-segment recall for one or more dimensions (may be empty)
     * @param examples supplier of example row ids for the top segment
     */
    public RootCauseReport analyse(List<FeatureDrift> features, List<SegmentRecall> segments, ExampleRows examples) {
        List<RankedFeature> rankedFeatures = rankFeatures(features);

        Map<String, List<SegmentRecall>> byDimension = new LinkedHashMap<>();
        Set<String> keys = new HashSet<>();
        for (SegmentRecall s : segments) {
            if (!keys.add(s.key())) {
                throw new IllegalArgumentException("segment " + s.key() + " is given twice");
            }
            byDimension.computeIfAbsent(s.dimension(), d -> new ArrayList<>()).add(s);
        }
        List<Unranked> effects = new ArrayList<>();
        Map<String, double[]> recallByDimension = new LinkedHashMap<>();
        checkSameChurners(byDimension);
        for (Map.Entry<String, List<SegmentRecall>> e : byDimension.entrySet()) {
            recallByDimension.put(e.getKey(), decompose(e.getValue(), effects));
        }
        effects.sort(Comparator.comparingDouble((Unranked u) -> u.total)
                .thenComparing(u -> u.segment.dimension()).thenComparing(u -> u.segment.segment()));
        List<SegmentContribution> ranked = new ArrayList<>(effects.size());
        for (int i = 0; i < effects.size(); i++) {
            ranked.add(effects.get(i).ranked(i + 1));
        }

        Double refRecall = null;
        Double curRecall = null;
        List<String> exampleIds = List.of();
        if (!ranked.isEmpty()) {
            SegmentContribution top = ranked.get(0);
            double[] overall = recallByDimension.get(top.dimension());
            refRecall = Double.isNaN(overall[0]) ? null : overall[0];
            curRecall = Double.isNaN(overall[1]) ? null : overall[1];
            if (top.totalEffect() < 0 && maxExamples > 0) {
                List<String> ids = examples.idsFor(top.dimension(), top.segment());
                exampleIds = ids == null ? List.of() : List.copyOf(ids.subList(0, Math.min(maxExamples, ids.size())));
            }
        }
        Double change = refRecall == null || curRecall == null ? null : curRecall - refRecall;
        String hypothesis = hypothesis(refRecall, curRecall, change, ranked, rankedFeatures);
        return new RootCauseReport(refRecall, curRecall, change, rankedFeatures, ranked, hypothesis, exampleIds);
    }

    /** Same as {@link #analyse(List, List, ExampleRows)} without example rows. */
    public RootCauseReport analyse(List<FeatureDrift> features, List<SegmentRecall> segments) {
        return analyse(features, segments, ExampleRows.NONE);
    }

    private static List<RankedFeature> rankFeatures(List<FeatureDrift> features) {
        Set<String> names = new HashSet<>();
        for (FeatureDrift f : features) {
            if (!names.add(f.feature())) {
                throw new IllegalArgumentException("feature " + f.feature() + " is given twice");
            }
        }
        List<FeatureDrift> sorted = new ArrayList<>(features);
        // NaN (not computed) last; Double.compare orders NaN above everything, so compare on -psi with NaN as +inf
        sorted.sort(Comparator.comparingDouble((FeatureDrift f) -> Double.isNaN(f.psi()) ? Double.POSITIVE_INFINITY : -f.psi())
                .thenComparing(FeatureDrift::feature));
        List<RankedFeature> out = new ArrayList<>(sorted.size());
        for (int i = 0; i < sorted.size(); i++) {
            FeatureDrift f = sorted.get(i);
            out.add(new RankedFeature(i + 1, f.feature(), f.psi(), f.drifted()));
        }
        return out;
    }

    /**
     * Whether the segments of every dimension cover the same rows and churners (reference and current), which
     * {@link #analyse} requires: false, for example, when the reference had no labels.
     */
    public static boolean partitionSameRows(List<SegmentRecall> segments) {
        Map<String, long[]> totals = totalsByDimension(segments);
        return totals.values().stream().map(java.util.Arrays::toString).distinct().count() <= 1;
    }

    private static Map<String, long[]> totalsByDimension(List<SegmentRecall> segments) {
        Map<String, long[]> totals = new LinkedHashMap<>();
        for (SegmentRecall s : segments) {
            long[] t = totals.computeIfAbsent(s.dimension(), d -> new long[4]);
            t[0] += s.referenceRows();
            t[1] += s.currentRows();
            t[2] += s.referenceChurners();
            t[3] += s.currentChurners();
        }
        return totals;
    }

    private static void checkSameChurners(Map<String, List<SegmentRecall>> byDimension) {
        String first = null;
        long[] firstTotals = null;
        for (Map.Entry<String, List<SegmentRecall>> e : byDimension.entrySet()) {
            long[] t = totalsByDimension(e.getValue()).get(e.getKey());
            if (first == null) {
                first = e.getKey();
                firstTotals = t;
            } else if (!java.util.Arrays.equals(t, firstTotals)) {
                throw new IllegalArgumentException("segments of a dimension must partition the rows, but " + first
                        + " covers (reference rows, current rows, reference churners, current churners) = "
                        + java.util.Arrays.toString(firstTotals) + " and " + e.getKey() + " covers "
                        + java.util.Arrays.toString(t));
            }
        }
    }

    /** Adds the dimension's segment effects to {@code out}; returns {R, R'} (NaN when undefined). */
    private static double[] decompose(List<SegmentRecall> segments, List<Unranked> out) {
        double refRows = 0;
        double curRows = 0;
        double refChurners = 0;
        double curChurners = 0;
        double refCaught = 0;
        double curCaught = 0;
        for (SegmentRecall s : segments) {
            refRows += s.referenceRows();
            curRows += s.currentRows();
            refChurners += s.referenceChurners();
            curChurners += s.currentChurners();
            if (s.referenceRecall() != null) {
                refCaught += s.referenceChurners() * s.referenceRecall();
            }
            if (s.currentRecall() != null) {
                curCaught += s.currentChurners() * s.currentRecall();
            }
        }
        double r = refChurners > 0 ? refCaught / refChurners : Double.NaN;
        double rPrime = curChurners > 0 ? curCaught / curChurners : Double.NaN;
        boolean defined = !Double.isNaN(r) && !Double.isNaN(rPrime);
        for (SegmentRecall s : segments) {
            double w = refChurners > 0 ? s.referenceChurners() / refChurners : 0;
            double wPrime = curChurners > 0 ? s.currentChurners() / curChurners : 0;
            double mix = 0;
            double within = 0;
            if (defined) {
                double rs = s.referenceRecall() != null ? s.referenceRecall() : r;
                mix = (wPrime - w) * (rs - r);
                within = s.currentRecall() != null ? wPrime * (s.currentRecall() - rs) : 0;
            }
            out.add(new Unranked(s, refRows > 0 ? s.referenceRows() / refRows : 0,
                    curRows > 0 ? s.currentRows() / curRows : 0, w, wPrime, mix, within, mix + within));
        }
        return new double[] {r, rPrime};
    }

    private static String hypothesis(Double r, Double rPrime, Double change, List<SegmentContribution> segments,
                                     List<RankedFeature> features) {
        List<String> parts = new ArrayList<>();
        if (change == null) {
            if (!segments.isEmpty()) {
                parts.add("Recall not defined (no actual churners in reference or current)");
            }
        } else {
            if (change <= -HELD_TOLERANCE) {
                parts.add(fmt("Recall fell %.2f (%.2f → %.2f)", -change, r, rPrime));
            } else if (change >= HELD_TOLERANCE) {
                parts.add(fmt("Recall rose %.2f (%.2f → %.2f)", change, r, rPrime));
            } else {
                parts.add(fmt("Recall held at %.2f", rPrime));
            }
            SegmentContribution top = segments.get(0);
            if (top.totalEffect() <= -HELD_TOLERANCE) {
                String lead = change <= -HELD_TOLERANCE ? fmt("%.2f of it", -top.totalEffect())
                        : fmt("%s pulled it down %.2f", top.key(), -top.totalEffect());
                if (top.withinEffect() <= top.mixEffect()) {
                    parts.add(change <= -HELD_TOLERANCE
                            ? fmt("%s within segment %s (recall %s → %s)", lead, top.key(),
                                    recall(top.referenceRecall()), recall(top.currentRecall()))
                            : fmt("%s, within the segment (recall %s → %s)", lead,
                                    recall(top.referenceRecall()), recall(top.currentRecall())));
                } else {
                    parts.add(change <= -HELD_TOLERANCE
                            ? fmt("%s from more churners in segment %s (share %.2f → %.2f, recall %s)", lead,
                                    top.key(), top.referenceChurnerShare(), top.currentChurnerShare(),
                                    recall(top.referenceRecall()))
                            : fmt("%s, from more churners in it (share %.2f → %.2f)", lead,
                                    top.referenceChurnerShare(), top.currentChurnerShare()));
                }
            }
        }
        if (!features.isEmpty()) {
            RankedFeature topFeature = features.get(0);
            if (topFeature.drifted()) {
                parts.add(fmt("top drifted feature %s (PSI %.2f)", topFeature.feature(), topFeature.psi()));
            } else {
                RankedFeature anyDrifted = features.stream().filter(RankedFeature::drifted).findFirst().orElse(null);
                parts.add(anyDrifted == null
                        ? fmt("no feature drifted (highest PSI %s %.2f)", topFeature.feature(), topFeature.psi())
                        : fmt("highest PSI %s (%.2f, not drifted); drifted %s (PSI %.2f)", topFeature.feature(),
                                topFeature.psi(), anyDrifted.feature(), anyDrifted.psi()));
            }
        }
        return parts.isEmpty() ? "No performance or drift data to explain" : String.join("; ", parts);
    }

    private static String recall(Double r) {
        return r == null ? "n/a" : fmt("%.2f", r);
    }

    private static String fmt(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }

    private record Unranked(SegmentRecall segment, double refRowShare, double curRowShare, double w,
                            double wPrime, double mix, double within, double total) {

        SegmentContribution ranked(int rank) {
            return new SegmentContribution(rank, segment.dimension(), segment.segment(), refRowShare, curRowShare,
                    w, wPrime, segment.referenceRecall(), segment.currentRecall(), segment.currentChurners(),
                    mix, within, total);
        }
    }
}
