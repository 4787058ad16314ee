package io.modelwatch.core.drift;

import io.modelwatch.core.drift.tests.AndersonDarlingDriftTest;
import io.modelwatch.core.drift.tests.ChiSquareDriftTest;
import io.modelwatch.core.drift.tests.CramerVonMisesDriftTest;
import io.modelwatch.core.drift.tests.EmpiricalMmdDriftTest;
import io.modelwatch.core.drift.tests.EnergyDistanceDriftTest;
import io.modelwatch.core.drift.tests.EppsSingletonDriftTest;
import io.modelwatch.core.drift.tests.FisherExactDriftTest;
import io.modelwatch.core.drift.tests.GDriftTest;
import io.modelwatch.core.drift.tests.HellingerDriftTest;
import io.modelwatch.core.drift.tests.JensenShannonDriftTest;
import io.modelwatch.core.drift.tests.KlDivergenceDriftTest;
import io.modelwatch.core.drift.tests.KolmogorovSmirnovDriftTest;
import io.modelwatch.core.drift.tests.MannWhitneyDriftTest;
import io.modelwatch.core.drift.tests.PsiDriftTest;
import io.modelwatch.core.drift.tests.StudentTDriftTest;
import io.modelwatch.core.drift.tests.TotalVariationDriftTest;
import io.modelwatch.core.drift.tests.WassersteinDriftTest;
import io.modelwatch.core.drift.tests.ZDriftTest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The immutable catalogue of drift tests, by name (after Evidently's stattest registry).
 * Refuses duplicate names; an unknown name is an error that lists the valid ones.
 */
public final class StatTestRegistry {

    private static final StatTestRegistry DEFAULTS = new StatTestRegistry(List.of(
                KolmogorovSmirnovDriftTest.withDefaults(),
                WassersteinDriftTest.withDefaults(),
                AndersonDarlingDriftTest.withDefaults(),
                CramerVonMisesDriftTest.withDefaults(),
                MannWhitneyDriftTest.withDefaults(),
                EnergyDistanceDriftTest.withDefaults(),
                EppsSingletonDriftTest.withDefaults(),
                StudentTDriftTest.withDefaults(),
                EmpiricalMmdDriftTest.withDefaults(),
                PsiDriftTest.withDefaults(),
                KlDivergenceDriftTest.withDefaults(),
                JensenShannonDriftTest.withDefaults(),
                HellingerDriftTest.withDefaults(),
                ChiSquareDriftTest.withDefaults(),
                ZDriftTest.withDefaults(),
                FisherExactDriftTest.withDefaults(),
                GDriftTest.withDefaults(),
                TotalVariationDriftTest.withDefaults()));

    private final Map<String, DriftTest> byName;

    /** A registry of these tests, refusing a name given twice (package-private: {@link #defaults()} is the catalogue). */
    StatTestRegistry(List<DriftTest> tests) {
        Map<String, DriftTest> map = new LinkedHashMap<>();
        for (DriftTest t : tests) {
            if (map.putIfAbsent(t.name(), t) != null) {
                throw new IllegalArgumentException("duplicate drift test name: " + t.name());
            }
        }
        this.byName = Collections.unmodifiableMap(map);
    }

    /** The 18 tests of Evidently's catalogue with their default settings. */
    public static StatTestRegistry defaults() {
        return DEFAULTS;
    }

    /**
     * A new registry in which the test of the same name is replaced by this one; the name must already
     * be registered. This is how a variant of a catalogue test is selected, e.g.
     * {@code defaults().replacing(MannWhitneyDriftTest.withDefaults().twoSided())} for the corrected
     * two-sided {@code mannw}, while {@link #defaults()} keeps Evidently's one-sided instance.
     *
     * @throws IllegalArgumentException naming the valid tests when no test of that name is registered
     */
    public StatTestRegistry replacing(DriftTest test) {
        get(test.name());
        List<DriftTest> all = new ArrayList<>();
        for (DriftTest t : byName.values()) {
            all.add(t.name().equals(test.name()) ? test : t);
        }
        return new StatTestRegistry(all);
    }

    /**
     * The test of this name.
     *
     * @throws IllegalArgumentException naming the valid tests when the name is unknown
     */
    public DriftTest get(String name) {
        DriftTest t = byName.get(name);
        if (t == null) {
            throw new IllegalArgumentException("unknown drift test '" + name + "'; valid names: " + byName.keySet());
        }
        return t;
    }

    public Optional<DriftTest> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Collection<DriftTest> all() {
        return byName.values();
    }

    public Set<String> names() {
        return byName.keySet();
    }
}
