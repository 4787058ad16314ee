package io.modelwatch.cli;

import io.modelwatch.core.drift.StatTestRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code monitor bench --drift-tests} times every registered test on each input kind it declares (no time asserted). */
class DriftTestBenchTest {

    @Test
    void printsOneLinePerTestAndDeclaredInput() {
        CliFixture.Outcome o = CliFixture.run("bench", "--drift-tests", "--rows", "2000", "--repeats", "1");
        assertThat(o.exitCode()).isEqualTo(MonitorCommand.EXIT_OK);
        assertThat(o.out()).startsWith("Drift tests on 2,000 rows per side, best of 1 runs\n");
        for (String name : StatTestRegistry.defaults().names()) {
            assertThat(o.out().lines().filter(l -> l.startsWith(name + " "))).as(name).isNotEmpty();
        }
        // chisquare and TVD declare numeric and categorical columns: three inputs; ks numeric only: two
        assertThat(o.out().lines().filter(l -> l.startsWith("chisquare "))).hasSize(3);
        assertThat(o.out().lines().filter(l -> l.startsWith("TVD "))).hasSize(3);
        assertThat(o.out().lines().filter(l -> l.startsWith("ks "))).hasSize(2);
        // fisher_exact is defined on two categories only: the five-label input is reported as undefined
        assertThat(o.out()).contains("fisher_exact      categorical        undefined: fisher_exact expects binary data");
    }

    @Test
    void aRowCountBelowTwoIsRefused() {
        CliFixture.Outcome o = CliFixture.run("bench", "--drift-tests", "--rows", "1");
        assertThat(o.exitCode()).isEqualTo(MonitorCommand.EXIT_BAD_INPUT);
        assertThat(o.err()).contains("--rows must be at least 2");
    }
}
