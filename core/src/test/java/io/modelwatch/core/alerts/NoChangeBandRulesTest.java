package io.modelwatch.core.alerts;

import io.modelwatch.core.config.Severity;
import io.modelwatch.core.config.AlertRuleSpec;
import io.modelwatch.core.config.Condition;
import io.modelwatch.core.metrics.MetricRow;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rules with a no-change band under them: a crossed threshold fires only outside the band. */
class NoChangeBandRulesTest {

    static final List<AlertRuleSpec> RULES = List.of(
            new AlertRuleSpec("recall-medium", "performance", "recall", "dataset", Condition.BELOW, 0.75, Severity.MEDIUM),
            new AlertRuleSpec("recall-low", "performance", "recall", "dataset", Condition.BELOW, 0.80, Severity.LOW),
            new AlertRuleSpec("iv-change-low", "importance", "iv_change_pct", "features", Condition.ABS_ABOVE, 15, Severity.LOW),
            new AlertRuleSpec("iv-change-wide", "importance", "iv_change_pct", "region", Condition.ABS_ABOVE, 15, Severity.MEDIUM, 1.0));

    final AlertEvaluator evaluator = AlertEvaluator.of(RULES, List.of("tenure", "region"));

    static MetricRow banded(String category, String name, String column, double value, double expected, double se) {
        return new MetricRow(category, name, column, null, value, null, MetricRow.OK, null, expected, se);
    }

    @Test
    void aCrossingInsideTheBandIsHeldBackAndReported() {
        // |-37.6 - 10.8| = 48.4 < 3 × 34.5 = 103.5: inside the band
        MetricRow iv = banded("importance", "iv_change_pct", "tenure", -37.6, 10.8, 34.5);
        AlertEvaluator.Decision d = evaluator.decide(List.of(iv));
        assertThat(d.alerts()).isEmpty();
        assertThat(d.heldBack()).singleElement().satisfies(h -> {
            assertThat(h.alert().rule()).isEqualTo("iv-change-low");
            assertThat(h.bandSigma()).isEqualTo(3.0);
            assertThat(h.row().bandError()).isEqualTo(34.5);
            assertThat(h.row().status()).isEqualTo(MetricRow.HELD);
        });
        List<MetricRow> marked = AlertEvaluator.markHeld(List.of(iv), d);
        assertThat(marked).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(MetricRow.HELD);
            assertThat(r.threshold()).isEqualTo(15.0);
            assertThat(r.value()).isEqualTo(-37.6);
        });
    }

    @Test
    void aCrossingOutsideTheBandFiresAndTheMessageShowsTheBand() {
        // |-120 - 10.8| = 130.8 > 103.5
        List<Alert> alerts = evaluator.evaluate(List.of(banded("importance", "iv_change_pct", "tenure", -120, 10.8, 34.5)));
        assertThat(alerts).singleElement().satisfies(a -> assertThat(a.message())
                .isEqualTo("iv change pct of tenure is -120 (|x| > 15; no change: 10.8000 ± 34.5000)"));
    }

    @Test
    void theBandAloneNeverFiresBelowTheThreshold() {
        // far outside the band (recall 0.79 vs 0.95 ± 0.001) but above the MEDIUM threshold: LOW only
        List<Alert> alerts = evaluator.evaluate(List.of(banded("performance", "recall", null, 0.79, 0.95, 0.001)));
        assertThat(alerts).extracting(Alert::severity).containsExactly(Severity.LOW);
        assertThat(evaluator.evaluate(List.of(banded("performance", "recall", null, 0.81, 0.95, 0.001)))).isEmpty();
    }

    @Test
    void aRulesOwnBandSigmaWinsOverTheDefault() {
        // region's own rule has band_sigma 1: |40 - 0| = 40 > 1 × 30 fires MEDIUM, while the 3-sigma LOW rule holds
        AlertEvaluator.Decision d = evaluator.decide(List.of(banded("importance", "iv_change_pct", "region", 40, 0, 30)));
        assertThat(d.alerts()).extracting(Alert::rule).containsExactly("iv-change-wide");
        assertThat(d.heldBack()).as("a metric that fired is not also reported as held back").isEmpty();
    }

    @Test
    void sigmaZeroAndRowsWithoutABandAreDecidedByTheThresholdAlone() {
        AlertEvaluator thresholdsOnly = AlertEvaluator.of(List.of(new AlertRuleSpec("iv", "importance", "iv_change_pct",
                "features", Condition.ABS_ABOVE, 15, Severity.LOW, 0.0)), List.of("tenure"));
        assertThat(thresholdsOnly.evaluate(List.of(banded("importance", "iv_change_pct", "tenure", 16, 10, 50))))
                .hasSize(1);
        assertThat(evaluator.evaluate(List.of(new MetricRow("importance", "iv_change_pct", "tenure", null, 16.0, null,
                MetricRow.OK)))).hasSize(1);
    }

    @Test
    void aCountIsJudgedWithTheContinuityCorrection() {
        AlertEvaluator flips = AlertEvaluator.of(List.of(new AlertRuleSpec("woe-sign-flips-low", "importance",
                "woe_sign_flips", "features", Condition.ABOVE, 0, Severity.LOW)), List.of("tenure"));
        // 0.07 flips expected, SE 0.26: one flip is (1 − 0.07 − 0.5)/0.26 = 1.7 SE out (held), two are 5.5 (fire)
        MetricRow one = new MetricRow("importance", "woe_sign_flips", "tenure", null, 1.0, null, MetricRow.OK, null,
                0.07, 0.26, 1.0);
        MetricRow two = new MetricRow("importance", "woe_sign_flips", "tenure", null, 2.0, null, MetricRow.OK, null,
                0.07, 0.26, 1.0);
        assertThat(flips.decide(List.of(one)).heldBack()).hasSize(1);
        assertThat(flips.evaluate(List.of(two))).hasSize(1);
        // a flip where none can happen by chance (expected 0, SE 0) always fires
        assertThat(flips.evaluate(List.of(new MetricRow("importance", "woe_sign_flips", "tenure", null, 1.0, null,
                MetricRow.OK, null, 0.0, 0.0, 1.0)))).hasSize(1);
    }

    @Test
    void aNegativeBandSigmaIsRefusedWithTheRuleName() {
        assertThatThrownBy(() -> AlertEvaluator.of(List.of(new AlertRuleSpec("bad", "psi", "psi", "any", Condition.ABOVE, 0.1,
                Severity.LOW, -1.0)), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("alert rule 'bad': band_sigma must be a finite number >= 0, got -1.0");
    }
}
