package io.modelwatch.core.run.section;

import io.modelwatch.core.result.ColumnRole;

import io.modelwatch.core.result.ColumnDrift;
import io.modelwatch.core.result.DatasetDrift;
import io.modelwatch.core.result.DriftSection;
import io.modelwatch.core.result.PsiValue;

import io.modelwatch.core.config.FeatureSpec;
import io.modelwatch.core.data.Column;
import io.modelwatch.core.drift.ChunkValueRanks;
import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.profile.ColumnProfile;
import io.modelwatch.core.profile.ReferenceProfile;
import io.modelwatch.core.stability.PsiResult;

import java.util.ArrayList;
import java.util.Arrays;
import io.modelwatch.core.metrics.NoChangeBand;
import io.modelwatch.core.metrics.NoChangeBands;
import io.modelwatch.core.stability.PsiBins;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The drift section of a current batch read in chunks: per tested column (the features, then, as Evidently's
 * data-drift preset has them, the predicted probability and class and the label) the exact counts of its values
 * ({@link RunsAccumulator} for numeric columns, counts per label for categorical ones), from which the drift
 * tests and the PSI are computed once at the end. {@code MonitoringPipeline.drift} is this accumulator over one
 * chunk, so a batch in memory and the same rows streamed give the same section.
 *
 * <p>Exact: every count, the PSI, and every drift test computed from the sorted values and their ties (the
 * automatic Wasserstein and Jensen–Shannon, KS, Cramér–von Mises, Anderson–Darling, Mann–Whitney, energy,
 * Hellinger, PSI, KL, chi-square, …). Over more than one chunk the tests that read the observations one by one
 * see them in ascending order instead of file order: the t-test and Epps–Singleton sum in another order (last
 * bits) and the permutation tests (empirical MMD, TVD) draw other permutations. Memory: the distinct values of
 * each numeric column and the labels of each categorical one, never the rows.
 */
public final class DriftAccumulator {

    private final DriftTests tests;
    private final List<ColumnProfile> tested = new ArrayList<>();
    private final List<String> roles = new ArrayList<>();
    /** The first {@code features} tested columns are the features, then the probability, class and target. */
    private final int features;
    /** The first {@code psiColumns} tested columns get the alerting PSI (features and the probability). */
    private final int psiColumns;
    private final ColumnCounts[] states;
    private int chunks;
    /** The numeric columns whose previous chunk was ranked by sorting ({@link #ranks}). */
    private final java.util.Set<String> sortedLastChunk = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private DriftAccumulator(DriftTests tests, ReferenceProfile profile, ColumnBatch firstChunk) {
        this.tests = tests;
        for (FeatureSpec f : tests.config().features()) {
            profile.column(f.name()).filter(p -> firstChunk.has(f.name())).ifPresent(p -> test(p, ColumnRole.FEATURE));
        }
        features = tested.size();
        var r = tests.config().roles();
        if (profile.prediction() != null && firstChunk.has(r.probability())) {
            test(profile.prediction(), ColumnRole.PREDICTION);
        }
        psiColumns = tested.size();
        // Evidently's data-drift preset: the predicted class and the label get drift rows of their own (no PSI)
        if (profile.predictedClass() != null && firstChunk.has(r.predictedClass())) {
            test(profile.predictedClass(), ColumnRole.PREDICTION);
        }
        if (profile.target() != null && firstChunk.has(r.target())) {
            test(profile.target(), ColumnRole.TARGET);
        }
        states = new ColumnCounts[tested.size()];
        for (int i = 0; i < states.length; i++) {
            states[i] = ColumnCounts.of(tested.get(i).kind());
        }
    }

    /**
     * The drift section of a batch read in chunks: {@link #add} every chunk (the first one included), then
     * {@link #result}. The columns tested are those of the profile present in {@code firstChunk}.
     */
    public static DriftAccumulator of(DriftTests tests, ReferenceProfile profile, ColumnBatch firstChunk) {
        return new DriftAccumulator(tests, profile, firstChunk);
    }

    private void test(ColumnProfile p, String role) {
        tested.add(p);
        roles.add(role);
    }

    /** Counts one chunk; the columns are counted in parallel. */
    public void add(ColumnBatch chunk) {
        add(chunk, java.util.Map.of());
    }

    /**
     * Counts one chunk, its numeric columns from {@code ranks} (the chunk's {@link ChunkValueRanks} by column name,
     * made from those columns' values) where it has theirs: the same counts as {@link #add(ColumnBatch)}.
     */
    public void add(ColumnBatch chunk, java.util.Map<String, ChunkValueRanks> ranks) {
        chunks++;
        IntStream.range(0, states.length).parallel().forEach(i -> {
            String name = tested.get(i).name();
            Column column = chunk.column(name);
            states[i].add(column, chunks == 1, column instanceof io.modelwatch.core.data.NumericColumn
                    ? ranks.get(name) : null);
        });
    }

    /**
     * The {@link ChunkValueRanks} of every tested numeric column of a chunk, made once for the chunk: the counts of
     * the whole batch ({@link #add(ColumnBatch, java.util.Map)}) and of its segments
     * ({@link SegmentDriftAccumulator#add(ColumnBatch, java.util.Map)}) read them instead of each hashing or sorting
     * the column's values again.
     */
    public java.util.Map<String, ChunkValueRanks> ranks(ColumnBatch chunk) {
        List<String> numeric = new ArrayList<>();
        for (ColumnProfile p : tested) {
            if (p.kind() == io.modelwatch.core.drift.ColumnKind.NUMERIC) {
                numeric.add(p.name());
            }
        }
        java.util.Map<String, ChunkValueRanks> ranks = SegmentBatches.ranks(chunk, numeric,
                (name, values) -> ChunkValueRanks.ofAny(values, sortedLastChunk.contains(name)));
        ranks.forEach((name, r) -> {
            if (r.sorted()) {
                sortedLastChunk.add(name);
            } else {
                sortedLastChunk.remove(name);
            }
        });
        return ranks;
    }

    /**
     * Counts the given rows of a chunk (a segment's rows, ascending), exactly as {@link #add} of
     * {@code SegmentBatches.select(chunk, rows, ...)} would, without copying the columns that can be counted in place;
     * {@code ranks} holds the chunk's {@link ChunkValueRanks} of the numeric columns that have them.
     */
    void add(ColumnBatch chunk, int[] rows, java.util.Map<String, ChunkValueRanks> ranks) {
        chunks++;
        boolean first = chunks == 1;
        IntStream.range(0, states.length).parallel().forEach(i -> {
            String name = tested.get(i).name();
            Column column = chunk.find(name).orElse(null);
            if (column == null || !states[i].add(column, rows, ranks.get(name), first)) {
                states[i].add(SegmentBatches.select(chunk, rows, List.of(name)).column(name), first);
            }
        });
    }

    /**
     * Adds the counts of {@code later}, the accumulator of other rows of the same batch (the rows after this one's:
     * the categories keep their first-seen order), which must not be used afterwards. Exact: the section is that of
     * all rows, but that the tests reading observations one by one then see them in ascending order (see the class
     * comment).
     */
    public DriftAccumulator merge(DriftAccumulator later) {
        if (later.states.length != states.length) {
            throw new IllegalArgumentException("cannot merge drift counts of " + later.states.length + " columns into "
                    + states.length);
        }
        for (int i = 0; i < states.length; i++) {
            states[i].merge(later.states[i]);
        }
        chunks += later.chunks;
        return this;
    }

    /** Writes the counts of every tested column (the columns themselves follow from the profile and the header). */
    public void writeTo(java.io.DataOutput out) throws java.io.IOException {
        out.writeInt(chunks);
        out.writeInt(states.length);
        for (ColumnCounts state : states) {
            state.writeTo(out);
        }
    }

    /** Counts written by {@link #writeTo}, into this empty accumulator (made from the same profile and header). */
    public void readFrom(java.io.DataInput in) throws java.io.IOException {
        chunks = in.readInt();
        int n = in.readInt();
        if (n != states.length) {
            throw new IllegalArgumentException("drift counts of " + n + " columns, expected " + states.length);
        }
        for (int i = 0; i < n; i++) {
            states[i] = states[i].readFrom(in);
        }
    }

    /** The drift tests, dataset drift and PSI of every row counted. */
    public DriftSection result() {
        ColumnDrift[] drifts = new ColumnDrift[states.length];
        PsiValue[] psis = new PsiValue[psiColumns];
        Long[] psiCounts = new Long[psiColumns];
        IntStream.range(0, states.length).parallel().forEach(i -> {
            ColumnProfile p = tested.get(i);
            ColumnCounts.Current current = states[i].current(chunks == 1, tests.stability(),
                    i < psiColumns ? p.psiBins() : null);
            PsiResult psi = current.psi();
            drifts[i] = tests.test(p, current.sample(), roles.get(i));
            if (psi != null) {
                psiCounts[i] = psi.currentCount();
                psis[i] = new PsiValue(p.name(), roles.get(i), psi.value(),
                        psi.bins().stream().map(PsiResult.BinShare::label).toList(),
                        psi.bins().stream().map(PsiResult.BinShare::referenceShare).toList(),
                        psi.bins().stream().map(PsiResult.BinShare::currentShare).toList());
            }
        });
        List<ColumnDrift> columns = new ArrayList<>();
        for (int i = 0; i < drifts.length; i++) {
            // target drift only when the batch carries labels: a label column without any value says nothing
            boolean unlabelled = ColumnRole.TARGET.equals(roles.get(i))
                    && states[i].isEmpty();
            if (!unlabelled) {
                columns.add(drifts[i]);
            }
        }
        int drifted = 0;
        for (int i = 0; i < features; i++) {
            if (drifts[i].drifted()) {
                drifted++;
            }
        }
        double share = features == 0 ? 0 : (double) drifted / features;
        double driftShare = tests.config().drift().driftShare();
        DatasetDrift dataset = new DatasetDrift(columns, drifted, features,
                share, driftShare, features > 0 && share >= driftShare);
        List<NoChangeBand> bands = new ArrayList<>();
        for (int i = 0; i < psis.length; i++) {
            if (psis[i] != null && psiCounts[i] != null) {
                NoChangeBand band = psiBand(psis[i].column(), tested.get(i).psiBins(), psiCounts[i]);
                if (band != null) {
                    bands.add(band);
                }
            }
        }
        return new DriftSection(dataset, Arrays.stream(psis).filter(java.util.Objects::nonNull).toList(), bands);
    }

    /**
     * The no-change band of a PSI ({@link NoChangeBands#psi}): the degrees of freedom are the bins the reference
     * fills, the sample sizes the non-null values on each side.
     */
    private static NoChangeBand psiBand(String column, PsiBins bins, long currentCount) {
        return NoChangeBands.psi("psi", "psi", column, null, filledBins(bins), currentCount, bins.referenceCount());
    }

    /** Bins with a reference share above 0. */
    static int filledBins(PsiBins bins) {
        int filled = 0;
        for (double share : bins.referenceShares()) {
            if (share > 0) {
                filled++;
            }
        }
        return filled;
    }
}
