package io.modelwatch.alert.domain;

import io.modelwatch.core.config.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CooldownPolicyTest {

    private static final Instant NOTIFIED = Instant.parse("2024-03-01T06:00:00Z");
    private final CooldownPolicy policy = CooldownPolicy.of(Duration.ofHours(24));

    private static Optional<OpenAlert> open(Severity severity) {
        return Optional.of(new OpenAlert("psi/psi/account_age/", severity, NOTIFIED, 1L));
    }

    @Test
    void theFirstAlertOfAKeyIsNew() {
        assertThat(policy.decide(Optional.empty(), Severity.LOW, NOTIFIED)).isEqualTo(Decision.NEW);
    }

    @ParameterizedTest(name = "{0} open, {1} after {2} h: {3}")
    @CsvSource({
            // same severity: one alert within the cooldown, a new one from its end on
            "HIGH,   HIGH,   0,  REPEAT",
            "HIGH,   HIGH,   23, REPEAT",
            "MEDIUM, MEDIUM, 24, NEW",
            "LOW,    LOW,    48, NEW",
            // escalation is a new alert, whatever the cooldown
            "MEDIUM, HIGH,   1,  ESCALATION",
            "LOW,    MEDIUM, 1,  ESCALATION",
            "LOW,    HIGH,   30, ESCALATION",
            // a lower grade is covered by the more severe alert already sent, until the cooldown ends
            "HIGH,   MEDIUM, 1,  REPEAT",
            "MEDIUM, LOW,    23, REPEAT",
            "HIGH,   LOW,    24, NEW",
    })
    void decidesByCooldownAndSeverity(Severity open, Severity raised, long hoursLater, Decision expected) {
        Instant now = NOTIFIED.plus(Duration.ofHours(hoursLater));
        assertThat(policy.decide(open(open), raised, now)).isEqualTo(expected);
    }

    @Test
    void theCooldownEndsExactlyAtItsLength() {
        Instant end = NOTIFIED.plus(Duration.ofHours(24));
        assertThat(policy.decide(open(Severity.HIGH), Severity.HIGH, end.minusMillis(1))).isEqualTo(Decision.REPEAT);
        assertThat(policy.decide(open(Severity.HIGH), Severity.HIGH, end)).isEqualTo(Decision.NEW);
    }

    @Test
    void aZeroCooldownNotifiesEveryTime() {
        assertThat(CooldownPolicy.of(Duration.ZERO).decide(open(Severity.HIGH), Severity.HIGH, NOTIFIED))
                .isEqualTo(Decision.NEW);
    }

    @Test
    void onlyRepeatsAreNotNotified() {
        assertThat(Decision.NEW.notifies()).isTrue();
        assertThat(Decision.ESCALATION.notifies()).isTrue();
        assertThat(Decision.REPEAT.notifies()).isFalse();
    }

    @Test
    void aNegativeCooldownIsRefusedWithItsValue() {
        assertThatThrownBy(() -> CooldownPolicy.of(Duration.ofHours(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT-1H");
    }
}
