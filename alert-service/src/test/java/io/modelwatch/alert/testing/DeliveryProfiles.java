package io.modelwatch.alert.testing;

import io.modelwatch.support.testing.ShortWaits;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * Test profiles of the delivery tests: fault-tolerance waits shortened ({@link ShortWaits}); everything else is
 * production configuration.
 */
public final class DeliveryProfiles {

    public static final String HIGH_RECIPIENTS = "oncall@modelwatch.test,lead@modelwatch.test";
    public static final String MEDIUM_RECIPIENTS = "team@modelwatch.test";
    public static final String LOW_RECIPIENTS = "digest@modelwatch.test";
    public static final String REPORT_BASE_URL = "http://reports.modelwatch.test/";

    private DeliveryProfiles() {
    }

    static Map<String, String> shortWaits(String method) {
        return ShortWaits.of(method);
    }

    /** Email to recipients per severity (GreenMail through {@link io.modelwatch.support.testing.FakeSmtp}); no Slack. */
    public static class Mail implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> c = shortWaits("io.modelwatch.support.notification.MailDelivery/send");
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
            Map<String, String> c = shortWaits("io.modelwatch.alert.delivery.SlackNotifier/send");
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
