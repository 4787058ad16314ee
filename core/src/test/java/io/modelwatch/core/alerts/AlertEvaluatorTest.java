package io.modelwatch.core.alerts;

import io.modelwatch.core.config.Severity;
import io.modelwatch.core.config.AlertRuleSpec;
import io.modelwatch.core.config.Condition;
import io.modelwatch.core.metrics.MetricRow;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlertEvaluatorTest {

    /** The metrics specification's defaults (PROJECT_PLAN.md, "Alert Configuration"). */
    static final List<AlertRuleSpec> RULES = List.of(
            new AlertRuleSpec("recall-high", "performance", "recall", "dataset", Condition.BELOW, 0.70, Severity.HIGH),
            new AlertRuleSpec("recall-medium", "performance", "recall", "dataset", Condition.BELOW, 0.75, Severity.MEDIUM),
            new AlertRuleSpec("recall-low", "performance", "recall", "dataset", Condition.BELOW, 0.80, Severity.LOW),
            new AlertRuleSpec("psi-high", "psi", "psi", "any", Condition.ABOVE, 0.25, Severity.HIGH),
            new AlertRuleSpec("psi-medium", "psi", "psi", "any", Condition.ABOVE, 0.15, Severity.MEDIUM),
            new AlertRuleSpec("psi-low", "psi", "psi", "features", Condition.ABOVE, 0.10, Severity.LOW),
            new AlertRuleSpec("churn-high", "concept", "churn_rate_change", "dataset", Condition.ABS_ABOVE, 0.10, Severity.HIGH),
            new AlertRuleSpec("churn-medium", "concept", "churn_rate_change", "dataset", Condition.ABS_ABOVE, 0.05, Severity.MEDIUM));

    final AlertEvaluator evaluator = AlertEvaluator.of(RULES, List.of("account_age", "monthly_charges"));

    static MetricRow row(String category, String name, String column, Double value) {
        return new MetricRow(category, name, column, null, value, null, MetricRow.OK);
    }

    @Test
    void keepsOnlyTheMostSevereAlertPerMetricAndColumn() {
        List<Alert> alerts = evaluator.evaluate(List.of(row("psi", "psi", "account_age", 0.41)));
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.severity()).isEqualTo(Severity.HIGH);
            assertThat(a.column()).isEqualTo("account_age");
            assertThat(a.threshold()).isEqualTo(0.25);
            assertThat(a.message()).isEqualTo("psi of account_age is 0.4100 (> 0.2500)");
        });
    }

    @Test
    void gradesRecallAtEachBoundary() {
        assertThat(evaluator.evaluate(List.of(row("performance", "recall", null, 0.69))).get(0).severity())
                .isEqualTo(Severity.HIGH);
        assertThat(evaluator.evaluate(List.of(row("performance", "recall", null, 0.70))).get(0).severity())
                .isEqualTo(Severity.MEDIUM);
        assertThat(evaluator.evaluate(List.of(row("performance", "recall", null, 0.78))).get(0).severity())
                .isEqualTo(Severity.LOW);
        assertThat(evaluator.evaluate(List.of(row("performance", "recall", null, 0.80)))).isEmpty();
    }

    @Test
    void lowPsiRuleAppliesToFeaturesOnlyButHighRuleAlsoToThePrediction() {
        assertThat(evaluator.evaluate(List.of(row("psi", "psi", "churn_probability", 0.12)))).isEmpty();
        assertThat(evaluator.evaluate(List.of(row("psi", "psi", "monthly_charges", 0.12))))
                .extracting(Alert::severity).containsExactly(Severity.LOW);
        assertThat(evaluator.evaluate(List.of(row("psi", "psi", "churn_probability", 0.3))))
                .extracting(Alert::severity).containsExactly(Severity.HIGH);
    }

    @Test
    void churnRateMovesInEitherDirection() {
        assertThat(evaluator.evaluate(List.of(row("concept", "churn_rate_change", null, -0.12))))
                .extracting(Alert::severity).containsExactly(Severity.HIGH);
        assertThat(evaluator.evaluate(List.of(row("concept", "churn_rate_change", null, 0.06))))
                .extracting(Alert::severity).containsExactly(Severity.MEDIUM);
    }

    @Test
    void undefinedValuesNeverFire() {
        assertThat(evaluator.evaluate(List.of(row("performance", "recall", null, null)))).isEmpty();
    }

    @Test
    void sortsMostSevereFirst() {
        List<Alert> alerts = evaluator.evaluate(List.of(row("psi", "psi", "monthly_charges", 0.12),
                row("psi", "psi", "account_age", 0.5), row("performance", "recall", null, 0.74)));
        assertThat(alerts).extracting(Alert::severity)
                .containsExactly(Severity.HIGH, Severity.MEDIUM, Severity.LOW);
    }

    @Test
    void refusesAnUnknownCondition() {
        assertThatThrownBy(() -> AlertEvaluator.of(List.of(
                new AlertRuleSpec("x", "psi", "psi", "any", Condition.of("greater"), 0.1, Severity.HIGH)), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'greater'");
    }
}
