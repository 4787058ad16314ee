package io.modelwatch.support.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Which databases a test run may wipe (Flyway clean-at-start); see {@link TestDatabaseGuard}. */
@ConfigMapping(prefix = "modelwatch.test-database")
public interface TestDatabaseSettings {

    /**
     * A regular expression that the whole database name must match for clean-at-start to run: {@code test} (CI),
     * {@code test_*} or {@code *_test}, and {@code h<N>} (each developer's own test database on a shared server).
     * Environment: {@code MODELWATCH_TEST_DATABASE_NAMES}.
     */
    @WithDefault("test|test_.*|.*_test|h[0-9]+")
    String names();
}
