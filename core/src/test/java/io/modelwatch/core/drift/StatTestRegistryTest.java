package io.modelwatch.core.drift;

import io.modelwatch.core.drift.tests.KolmogorovSmirnovDriftTest;
import io.modelwatch.core.drift.tests.MannWhitneyDriftTest;
import io.modelwatch.core.drift.tests.PsiDriftTest;
import io.modelwatch.core.drift.tests.ZDriftTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The registry holds Evidently's 18 tests by their Evidently names, refuses duplicates and explains unknown names. */
class StatTestRegistryTest {

    /** The keys of {@code golden/stattests.json → tests}, i.e. Evidently's stattest names. */
    static final List<String> EVIDENTLY_NAMES = List.of(
            "psi", "kl_div", "jensenshannon", "hellinger", "wasserstein", "ks", "anderson", "cramer_von_mises",
            "mannw", "ed", "es", "t_test", "empirical_mmd", "chisquare", "z", "fisher_exact", "g_test", "TVD");

    @Test
    void holdsTheEighteenEvidentlyTests() {
        StatTestRegistry registry = StatTestRegistry.defaults();
        assertThat(registry.names()).containsExactlyInAnyOrderElementsOf(EVIDENTLY_NAMES);
        assertThat(registry.all()).hasSize(18);
        for (String name : EVIDENTLY_NAMES) {
            assertThat(registry.get(name).name()).isEqualTo(name);
            assertThat(registry.find(name)).isPresent();
        }
    }

    @Test
    void unknownNameErrorListsTheValidNames() {
        assertThatThrownBy(() -> StatTestRegistry.defaults().get("kolmogorov"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kolmogorov")
                .satisfies(e -> assertThat(e.getMessage()).contains(EVIDENTLY_NAMES));
        assertThat(StatTestRegistry.defaults().find("kolmogorov")).isEmpty();
    }

    @Test
    void namesAreCaseSensitiveLikeEvidently() {
        assertThat(StatTestRegistry.defaults().find("TVD")).isPresent();
        assertThat(StatTestRegistry.defaults().find("tvd")).isEmpty();
    }

    @Test
    void duplicateNamesAreRefused() {
        assertThatThrownBy(() -> new StatTestRegistry(List.of(PsiDriftTest.withDefaults(), ZDriftTest.withDefaults(),
                PsiDriftTest.withDefaults())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("psi");
        List<DriftTest> withKsTwice = new ArrayList<>(StatTestRegistry.defaults().all());
        withKsTwice.add(KolmogorovSmirnovDriftTest.withDefaults());
        assertThatThrownBy(() -> new StatTestRegistry(withKsTwice))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ks");
    }

    @Test
    void replacingKeepsTheOriginalAndTheNamesAreReadOnly() {
        StatTestRegistry twoSided = StatTestRegistry.defaults().replacing(MannWhitneyDriftTest.withDefaults().twoSided());
        assertThat(((MannWhitneyDriftTest) twoSided.get("mannw")).isTwoSided()).isTrue();
        assertThat(((MannWhitneyDriftTest) StatTestRegistry.defaults().get("mannw")).isTwoSided()).isFalse();
        assertThat(twoSided.names()).containsExactlyElementsOf(StatTestRegistry.defaults().names());
        assertThatThrownBy(() -> twoSided.names().add("x")).isInstanceOf(UnsupportedOperationException.class);
        StatTestRegistry psiOnly = new StatTestRegistry(List.of(PsiDriftTest.withDefaults()));
        assertThatThrownBy(() -> psiOnly.replacing(KolmogorovSmirnovDriftTest.withDefaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'ks'").hasMessageContaining("[psi]");
    }
}
