package io.modelwatch.core.run.section;

import io.modelwatch.core.result.ColumnRole;

import io.modelwatch.core.result.ColumnDrift;
import io.modelwatch.core.result.DatasetDrift;
import io.modelwatch.core.result.DriftSection;
import io.modelwatch.core.result.SegmentFeatureDrift;

import io.modelwatch.core.config.FeatureSpec;
import io.modelwatch.core.config.MonitoringConfig;
import io.modelwatch.core.config.SegmentDriftSettings;
import io.modelwatch.core.config.SegmentSpec;
import io.modelwatch.core.data.CategoricalColumn;
import io.modelwatch.core.data.Column;
import io.modelwatch.core.data.ColumnBatch;
import io.modelwatch.core.drift.ChunkValueRanks;
import io.modelwatch.core.drift.BenjaminiHochberg;
import io.modelwatch.core.drift.ColumnKind;
import io.modelwatch.core.drift.NumericSample;
import io.modelwatch.core.profile.ColumnProfile;
import io.modelwatch.core.profile.ReferenceProfile;
import io.modelwatch.core.segments.SegmentAnalysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The drift of every feature inside every segment of the configured dimensions, accumulated chunk by chunk: per
 * segment that has at least {@code drift.within_segments.min_reference_rows} reference rows (the reference profile's
 * {@code segmentColumns}), for every feature but a categorical dimension's own column (one value inside its
 * segment), a {@link DriftAccumulator} over that segment's current rows against that segment's
 * reference, so the test choice, thresholds and PSI are the whole batch's applied to the segment, and the counts
 * are exact and mergeable as the whole batch's are ({@link #merge}, {@link #writeTo}).
 *
 * <p>The result tests a segment only with at least {@code min_current_rows} current rows. The p-values of all the
 * segment × feature tests of the run are adjusted together with {@link BenjaminiHochberg} at
 * {@code drift.within_segments.fdr_q}: a p-value test drifts inside a segment when its adjusted p-value is at most
 * q; a distance test (Wasserstein, Jensen–Shannon, PSI …, no p-value) keeps its own threshold. A feature drifted
 * inside a segment while the whole batch did not drift on it is <em>masked</em>.
 *
 * <p>Memory: the distinct values of each numeric feature per segment (at most the rows of the batch in total per
 * dimension), never the rows. Not thread-safe.
 */
public final class SegmentDriftAccumulator {

    private final DriftTests tests;
    private final SegmentDriftSettings settings;
    /** Per segment key, the segment's reference as a profile of features only, in the stored order. */
    private final Map<String, ReferenceProfile> segmentProfiles = new LinkedHashMap<>();
    private final Map<String, String> dimensionOfKey = new HashMap<>();
    private final Map<String, String> segmentOfKey = new HashMap<>();
    private final Map<String, State> states = new LinkedHashMap<>();
    /** The numeric features of the segments' references. */
    private final List<String> numericColumns;

    private SegmentDriftAccumulator(DriftTests tests, ReferenceProfile profile) {
        this.tests = tests;
        this.settings = tests.config().drift().withinSegments();
        profile.segmentColumns().forEach((key, columns) -> {
            long rows = columns.values().stream().mapToLong(ColumnProfile::rows).max().orElse(0);
            segmentProfiles.put(key, new ReferenceProfile(ReferenceProfile.FORMAT_VERSION, profile.source() + " [" + key
                    + "]", rows, tests.config(), columns, null, null, null, null, null, null, List.of(), Map.of(),
                    Map.of(), null, Map.of(), Map.of()));
        });
        numericColumns = segmentProfiles.values().stream().flatMap(p -> p.columns().values().stream())
                .filter(c -> c.kind() == ColumnKind.NUMERIC).map(ColumnProfile::name).distinct().toList();
        for (SegmentSpec spec : tests.config().segments()) {
            String prefix = spec.name() + "=";
            for (String key : segmentProfiles.keySet()) {
                if (key.startsWith(prefix)) {
                    dimensionOfKey.put(key, spec.name());
                    segmentOfKey.put(key, key.substring(prefix.length()));
                }
            }
        }
    }

    /**
     * The drift of every feature inside every segment of a batch read in chunks ({@link #add} every chunk, then
     * {@link #result} with the whole batch's drift).
     */
    public static SegmentDriftAccumulator of(DriftTests tests, ReferenceProfile profile) {
        return new SegmentDriftAccumulator(tests, profile);
    }

    /**
     * The per-segment feature profiles of a reference batch: for each configured dimension present and each of its
     * segments with at least {@code min_reference_rows} rows, the profile of every configured feature present
     * (computed as the whole batch's, on the segment's rows). Empty when the drift within segments is disabled.
     * {@code ranks}: the {@link ChunkValueRanks} of numeric features of the whole reference (by name; may lack
     * some, and holds none with -0.0, {@link ColumnProfiles#numeric}): those features' segment profiles are counted
     * from them instead of each segment's values sorted.
     */
    static Map<String, Map<String, ColumnProfile>> reference(MonitoringConfig config, ColumnBatch reference,
                                                             Map<String, ChunkValueRanks> ranks) {
        SegmentDriftSettings settings = config.drift().withinSegments();
        Map<String, Map<String, ColumnProfile>> out = new LinkedHashMap<>();
        if (!settings.enabled()) {
            return out;
        }
        List<FeatureSpec> present = config.features().stream().filter(f -> reference.has(f.name())).toList();
        for (SegmentSpec spec : config.segments()) {
            if (!reference.has(spec.column())) {
                continue;
            }
            // a category's own column is one value inside its segment: not tested there (a band's column is)
            List<FeatureSpec> tested = present.stream()
                    .filter(f -> spec.isBanded() || !f.name().equals(spec.column())).toList();
            SegmentAnalysis.Assignment a = SegmentAnalysis.assign(spec,
                    ColumnCoercion.forSegment(spec, reference.column(spec.column())));
            int[][] rowsOf = SegmentBatches.rowsOf(a);
            for (int s = 0; s < rowsOf.length; s++) {
                if (rowsOf[s].length < settings.minReferenceRows()) {
                    continue;
                }
                int[] rows = rowsOf[s];
                // the segment's own copy of the columns its profiles are not counted from the ranks for
                List<String> copied = tested.stream().filter(f -> !inPlace(f, reference, ranks))
                        .map(FeatureSpec::name).toList();
                ColumnBatch part = SegmentBatches.select(reference, rows, copied);
                ColumnProfile[] profiles = new ColumnProfile[tested.size()];
                java.util.stream.IntStream.range(0, tested.size()).parallel().forEach(i -> {
                    FeatureSpec f = tested.get(i);
                    if (inPlace(f, reference, ranks)) {
                        profiles[i] = f.kind() == ColumnKind.NUMERIC
                                ? ColumnProfiles.numeric(f.name(), ranks.get(f.name()), rows, config.drift().psiBins())
                                : ColumnProfiles.categorical((CategoricalColumn) reference.column(f.name()), rows);
                        return;
                    }
                    Column column = part.column(f.name());
                    NumericSample sample = f.kind() == ColumnKind.NUMERIC
                            ? NumericSample.of(ColumnCoercion.numeric(column).values()) : null;
                    profiles[i] = ColumnProfiles.of(column, f.kind(), sample, config.drift().psiBins());
                });
                Map<String, ColumnProfile> byName = new LinkedHashMap<>();
                for (ColumnProfile p : profiles) {
                    byName.put(p.name(), p);
                }
                out.put(spec.name() + "=" + a.labels().get(s), byName);
            }
        }
        return out;
    }

    /**
     * Whether a feature's segment profiles are counted in place: a numeric one from its ranks
     * ({@link ColumnProfiles#numeric}), a categorical column by code ({@link ColumnProfiles#categorical}).
     */
    private static boolean inPlace(FeatureSpec f, ColumnBatch reference, Map<String, ChunkValueRanks> ranks) {
        if (f.kind() != ColumnKind.NUMERIC) {
            return reference.column(f.name()) instanceof CategoricalColumn;
        }
        return ranks.containsKey(f.name());
    }

    /** Counts the rows of one chunk in the segments the reference has. */
    public void add(ColumnBatch chunk) {
        if (!settings.enabled() || segmentProfiles.isEmpty()) {
            return;
        }
        // the numeric features' values ranked once per chunk, for the segments of every dimension to count
        add(chunk, states.isEmpty() ? Map.of() : SegmentBatches.ranks(chunk, numericColumns));
    }

    /**
     * Counts the rows of one chunk in the segments the reference has, its numeric features from {@code ranks} (the
     * chunk's {@link ChunkValueRanks} by column name, made from those columns' values) where it has theirs: the same
     * counts as {@link #add(ColumnBatch)}.
     */
    public void add(ColumnBatch chunk, Map<String, ChunkValueRanks> ranks) {
        if (!settings.enabled() || segmentProfiles.isEmpty()) {
            return;
        }
        for (SegmentSpec spec : tests.config().segments()) {
            if (!chunk.has(spec.column())) {
                continue;
            }
            SegmentAnalysis.Assignment a = SegmentAnalysis.assign(spec,
                    ColumnCoercion.forSegment(spec, chunk.column(spec.column())));
            int[][] rowsOf = SegmentBatches.rowsOf(a);
            for (int s = 0; s < rowsOf.length; s++) {
                String key = spec.name() + "=" + a.labels().get(s);
                ReferenceProfile reference = segmentProfiles.get(key);
                if (rowsOf[s].length == 0 || reference == null) {
                    continue;
                }
                State state = states.get(key);
                if (state == null) {
                    // the segment's columns: those a batch of its rows alone would have (none of its rows copied)
                    state = new State(DriftAccumulator.of(tests, reference,
                            SegmentBatches.select(chunk, new int[0], List.copyOf(reference.columns().keySet()))));
                    states.put(key, state);
                }
                state.drift.add(chunk, rowsOf[s], ranks);
                state.rows += rowsOf[s].length;
            }
        }
    }

    /**
     * Adds the counts of {@code later} (the rows after this one's, counted against the same profile), which must not
     * be used afterwards; exact as {@link DriftAccumulator#merge} is.
     */
    public SegmentDriftAccumulator merge(SegmentDriftAccumulator later) {
        later.states.forEach((key, l) -> {
            State s = states.get(key);
            if (s == null) {
                states.put(key, l);
            } else {
                s.rows += l.rows;
                s.drift.merge(l.drift);
            }
        });
        return this;
    }

    /** Writes the counts: per segment counted its key, current rows and {@link DriftAccumulator#writeTo} counts. */
    public void writeTo(java.io.DataOutput out) throws java.io.IOException {
        out.writeInt(states.size());
        for (Map.Entry<String, State> e : states.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeLong(e.getValue().rows);
            e.getValue().drift.writeTo(out);
        }
    }

    /** Counts written by {@link #writeTo}, into this empty accumulator; {@code header} has the batch's columns. */
    public void readFrom(java.io.DataInput in, ColumnBatch header) throws java.io.IOException {
        int n = in.readInt();
        for (int k = 0; k < n; k++) {
            String key = in.readUTF();
            ReferenceProfile reference = segmentProfiles.get(key);
            if (reference == null) {
                throw new IllegalArgumentException("drift counts of segment '" + key
                        + "', which the reference profile has no reference for");
            }
            State state = new State(DriftAccumulator.of(tests, reference,
                    SegmentBatches.select(header, new int[0], List.copyOf(reference.columns().keySet()))));
            state.rows = in.readLong();
            state.drift.readFrom(in);
            states.put(key, state);
        }
    }

    /**
     * The drift of every feature inside every segment with enough rows on both sides, in profile order (dimensions
     * in configuration order, segments in segment order, features in configuration order), with the
     * Benjamini–Hochberg verdicts and the masked flag against the whole batch's verdicts {@code population}.
     */
    public List<SegmentFeatureDrift> result(DatasetDrift population) {
        List<SegmentFeatureDrift> out = new ArrayList<>();
        if (!settings.enabled()) {
            return out;
        }
        Map<String, Boolean> wholeBatch = new HashMap<>();
        for (ColumnDrift c : population.columns()) {
            if (ColumnRole.FEATURE.equals(c.role())) {
                wholeBatch.put(c.column(), c.drifted());
            }
        }
        List<String> keys = new ArrayList<>();
        List<ColumnDrift> tests = new ArrayList<>();
        List<Double> psis = new ArrayList<>();
        List<long[]> sizes = new ArrayList<>();
        for (Map.Entry<String, ReferenceProfile> e : segmentProfiles.entrySet()) {
            State state = states.get(e.getKey());
            long referenceRows = e.getValue().rows();
            if (state == null || state.rows < settings.minCurrentRows() || referenceRows < settings.minReferenceRows()
                    || !dimensionOfKey.containsKey(e.getKey())) {
                continue;
            }
            DriftSection section = state.drift.result();
            Map<String, Double> psiOf = new HashMap<>();
            section.psi().forEach(p -> psiOf.put(p.column(), p.value()));
            for (ColumnDrift c : section.drift().columns()) {
                keys.add(e.getKey());
                tests.add(c);
                psis.add(psiOf.get(c.column()));
                sizes.add(new long[] {referenceRows, state.rows});
            }
        }
        List<Integer> withP = new ArrayList<>();
        for (int i = 0; i < tests.size(); i++) {
            if (tests.get(i).pValue() != null && tests.get(i).error() == null) {
                withP.add(i);
            }
        }
        double[] p = withP.stream().mapToDouble(i -> tests.get(i).pValue()).toArray();
        double[] adjusted = BenjaminiHochberg.adjust(p);
        Double[] adjustedOf = new Double[tests.size()];
        for (int k = 0; k < withP.size(); k++) {
            adjustedOf[withP.get(k)] = adjusted[k];
        }
        String bhRule = "adjusted p <= " + settings.fdrQ() + " (Benjamini-Hochberg)";
        for (int i = 0; i < tests.size(); i++) {
            ColumnDrift c = tests.get(i);
            Double adj = adjustedOf[i];
            boolean drifted = c.error() == null && (adj != null ? adj <= settings.fdrQ() : c.drifted());
            boolean populationDrifted = wholeBatch.getOrDefault(c.column(), false);
            // effect-size floor: a significant test alone is not enough (a value unseen in a small segment reference
            // gives chi-square p = 0 with a negligible shift); the segment's own PSI must reach min_psi
            Double psi = psis.get(i);
            boolean masked = drifted && wholeBatch.containsKey(c.column()) && !populationDrifted
                    && psi != null && psi >= settings.minPsi();
            String key = keys.get(i);
            out.add(new SegmentFeatureDrift(dimensionOfKey.get(key), segmentOfKey.get(key), c.column(), c.type(),
                    c.method(), sizes.get(i)[0], sizes.get(i)[1], c.statistic(), c.score(), c.pValue(), adj,
                    c.threshold(), adj != null ? bhRule : c.rule(), drifted, psis.get(i), populationDrifted, masked,
                    c.error()));
        }
        return out;
    }

    private static final class State {
        private final DriftAccumulator drift;
        private long rows;

        State(DriftAccumulator drift) {
            this.drift = drift;
        }
    }
}
