package io.modelwatch.report.testing;

import io.modelwatch.support.testing.ShortWaits;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.time.LocalDate;
import java.util.Map;

/**
 * Test profiles of the daily email: recipients, the dashboard's address, short fault-tolerance waits, no schedule
 * (the test decides when it is "05:00"). Quarkus orders test classes by profile name: {@code DailyMail} runs
 * before {@code DailyMailRestarted}, which keeps the database of the first.
 */
public final class DailyEmailProfiles {

    public static final String RECIPIENTS = "ml-team@modelwatch.test,product@modelwatch.test";
    public static final String BASE_URL = "http://dashboard.modelwatch.test";
    /**
     * The day whose 05:00 email the tests send (the seeded history ends the day before). Fixed, so the two
     * applications of the pair agree on it whatever the clock says.
     */
    public static final LocalDate SEND_DAY = LocalDate.of(2026, 3, 2);

    private DailyEmailProfiles() {
    }

    public static class DailyMail implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> c = ShortWaits.of("io.modelwatch.support.notification.MailDelivery/send");
            c.put("modelwatch.report.daily-email.recipients", RECIPIENTS);
            c.put("modelwatch.report.base-url", BASE_URL);
            c.put("modelwatch.report.daily-email.relay-every", "off");
            return c;
        }
    }

    /** The same configuration as a new application on the same database: a restart. */
    public static class DailyMailRestarted extends DailyMail {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> c = super.getConfigOverrides();
            c.put("quarkus.flyway.clean-at-start", "false");
            return c;
        }
    }
}
