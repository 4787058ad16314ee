package io.modelwatch.core.drift;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One two-sample drift test, as registered in {@link StatTestRegistry}. Implementations are
 * immutable, stateless and thread-safe; Javadoc of each states its formula and the Evidently
 * convention it mirrors (see {@code golden/STATTESTS.md}).
 */
public interface DriftTest {

    /** The registry name, identical to Evidently's ({@code ks}, {@code psi}, {@code TVD} ...). */
    String name();

    /**
     * The column kinds the test accepts: the one declaration that {@link #test} enforces (through
     * {@link #requireAccepted}), the configuration checks (through {@link #accepts}) and the automatic choice
     * agrees with ({@code AutoStatTestTest}).
     */
    Set<ColumnKind> supportedKinds();

    /** True when the test accepts a column of this kind ({@link #supportedKinds()} contains it). */
    default boolean accepts(ColumnKind kind) {
        return supportedKinds().contains(kind);
    }

    /**
     * Refuses a sample of a kind the test does not declare; every implementation calls it on both samples
     * before computing, so what the test declares and what it runs on cannot differ.
     *
     * @param role {@code reference} or {@code current}, for the message
     * @throws IllegalArgumentException naming the test, the sample's kind and the kinds accepted
     */
    default void requireAccepted(Sample sample, String role) {
        if (sample == null) {
            throw new IllegalArgumentException(name() + ": " + role + " sample is null");
        }
        if (!accepts(sample.kind())) {
            throw new IllegalArgumentException(name() + " accepts " + kindsText(supportedKinds()) + " columns; the "
                    + role + " sample is " + sample.kind().name().toLowerCase(Locale.ROOT));
        }
    }

    /** Evidently's default threshold for this test. */
    double defaultThreshold();

    /** How the score is compared with the threshold. */
    DriftDirection direction();

    /**
     * Runs the test.
     *
     * @throws DriftTestException when the test is undefined on these samples (Evidently raises)
     * @throws IllegalArgumentException when a sample's kind is not in {@link #supportedKinds()}
     */
    DriftResult test(Sample reference, Sample current, double threshold);

    /** Runs the test with its default threshold. */
    default DriftResult test(Sample reference, Sample current) {
        return test(reference, current, defaultThreshold());
    }

    private static String kindsText(Set<ColumnKind> kinds) {
        return kinds.stream().sorted().map(k -> k.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(" or "));
    }
}
