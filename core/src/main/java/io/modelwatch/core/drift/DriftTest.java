package io.modelwatch.core.drift;

import java.util.Set;

/**
 * One two-sample drift test, as registered in {@link StatTestRegistry}. Implementations are
 * immutable, stateless and thread-safe; Javadoc of each states its formula and the Evidently
 * convention it mirrors (see {@code golden/STATTESTS.md}).
 */
public interface DriftTest {

    /** The registry name, identical to Evidently's ({@code ks}, {@code psi}, {@code TVD} ...). */
    String name();

    /** Column kinds the test accepts. */
    Set<ColumnKind> supportedKinds();

    /** Evidently's default threshold for this test. */
    double defaultThreshold();

    /** How the score is compared with the threshold. */
    DriftDirection direction();

    /**
     * Runs the test.
     *
     * @throws DriftTestException when the test is undefined on these samples (Evidently raises)
     * @throws IllegalArgumentException when a sample's kind is not supported
     */
    DriftResult test(Sample reference, Sample current, double threshold);

    /** Runs the test with its default threshold. */
    default DriftResult test(Sample reference, Sample current) {
        return test(reference, current, defaultThreshold());
    }
}
