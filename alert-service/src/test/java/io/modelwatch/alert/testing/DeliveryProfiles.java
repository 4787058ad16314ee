package io.modelwatch.alert.testing;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.HashMap;
import java.util.Map;

/**
 * Test profiles of the delivery tests. Fault-tolerance waits are shortened (2 s per attempt, 50 ms between
 * retries, the circuit half-opens after 1 s) so an outage plays out in seconds; everything else is production
 * configuration. The attempt timeout stays well above what a cold JVM on a busy machine needs for a request
 * the fake answers at once: a request accepted after the client gave up would be sent again (the documented
 * duplicate window), and that is not what these tests measure.
 */
public final class DeliveryProfiles {

    public static final String HIGH_RECIPIENTS = "oncall@modelwatch.test,lead@modelwatch.test";
    public static final String MEDIUM_RECIPIENTS = "team@modelwatch.test";
    public static final String LOW_RECIPIENTS = "digest@modelwatch.test";
    public static final String REPORT_BASE_URL = "http://reports.modelwatch.test/";

    private DeliveryProfiles() {
    }

    static Map<String, String> shortWaits(String notifier) {
        String id = "quarkus.fault-tolerance.\"" + notifier + "/send\".";
        Map<String, String> c = new HashMap<>();
        c.put(id + "timeout.value", "2000");
        c.put(id + "timeout.unit", "millis");
        c.put(id + "retry.delay", "50");
        c.put(id + "retry.jitter", "0");
        c.put(id + "exponential-backoff.max-delay", "200");
        c.put(id + "exponential-backoff.max-delay-unit", "millis");
        c.put(id + "circuit-breaker.delay", "1");
        return c;
    }

    /** Email to recipients per severity (GreenMail through {@link io.modelwatch.support.testing.FakeSmtp}); no Slack. */
    public static class Mail implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> c = shortWaits("io.modelwatch.support.notification.MailDelivery");
            c.put("modelwatch.alerts.email.recipients.high", HIGH_RECIPIENTS);
            c.put("modelwatch.alerts.email.recipients.medium", MEDIUM_RECIPIENTS);
            c.put("modelwatch.alerts.email.recipients.low", LOW_RECIPIENTS);
            c.put("modelwatch.alerts.report-base-url", REPORT_BASE_URL);
            return c;
        }
    }

    /** Slack through {@link FakeSlack}; no email. The first app of the outage-and-restart pair. */
    public static class SlackOutage implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> c = shortWaits("io.modelwatch.alert.delivery.SlackNotifier");
            c.put("modelwatch.alerts.report-base-url", REPORT_BASE_URL);
            return c;
        }
    }

    /**
     * The same configuration as {@link SlackOutage}, as a separate profile so Quarkus starts a fresh application.
     * Quarkus orders test classes by profile name: {@code SlackOutage} runs before {@code SlackRestarted}.
     */
    public static class SlackRestarted extends SlackOutage {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> c = super.getConfigOverrides();
            // a restart keeps the database: what the outage left pending must still be there
            c.put("quarkus.flyway.clean-at-start", "false");
            return c;
        }
    }
}
