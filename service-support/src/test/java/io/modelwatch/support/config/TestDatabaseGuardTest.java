package io.modelwatch.support.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Which database names the test profile may clean with the default pattern (the rule documented in README). */
class TestDatabaseGuardTest {

    private final TestDatabaseGuard guard = new TestDatabaseGuard(true, "test|test_.*|.*_test|h[0-9]+");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "test, true",            // CI
            "test_ops, true",
            "modelwatch_test, true", // Dev Services' database in the test profile
            "h11, true",             // the developers' own databases
            "h16, true",
            "modelwatch, false",     // the deployment's database
            "postgres, false",
            "testing, false",
            "latest, false",
            "h, false",
            "h1x, false",
            "htest, false",
            "prod_h11, false",
    })
    void onlyDatabasesNamedForTestsMayBeCleaned(String name, boolean cleanable) {
        assertThat(guard.isTestDatabase(name)).isEqualTo(cleanable);
    }
}
