package io.modelwatch.report.service;

import com.icegreen.greenmail.util.GreenMail;
import io.modelwatch.core.config.ConfigLoader;
import io.modelwatch.core.run.MonitoringPipeline;
import io.modelwatch.support.store.BatchStore;
import io.modelwatch.report.domain.DailyEmail;
import io.modelwatch.report.repository.DailyEmailRepository;
import io.modelwatch.report.repository.RunReportRepository;
import io.modelwatch.report.testing.DailyEmailProfiles;
import io.modelwatch.report.testing.DashboardHistory;
import io.modelwatch.support.messaging.EventCodec;
import io.modelwatch.support.notification.MailDelivery;
import io.modelwatch.support.notification.OutboxRow;
import io.modelwatch.support.testing.FakeSmtp;
import io.modelwatch.support.testing.MailParts;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The daily email as a real SMTP server (GreenMail) receives it: one HTML message per model at 05:00 UTC with the
 * day's numbers from the database, the worst severity in the subject, a missing run said; queued once per model and
 * day however often the check runs. {@link DailyEmailThenRestartTest} (named to sort after this class: Quarkus runs test classes with their own test resources in name order) then restarts the application on this database.
 */
@QuarkusTest
@TestProfile(DailyEmailProfiles.DailyMail.class)
@WithTestResource(FakeSmtp.class)
class DailyEmailTest {

    static final LocalDate DAY = DailyEmailProfiles.SEND_DAY;
    static final LocalDate REPORTED = DAY.minusDays(1);

    GreenMail greenMail;

    @Inject
    DailyReport daily;
    @Inject
    DailyEmailRelay relay;
    @Inject
    DailyEmailRepository outbox;
    @Inject
    EntityManager em;
    @Inject
    BatchStore store;
    private final MonitoringPipeline pipeline = MonitoringPipeline.of(ConfigLoader.defaults());
    @Inject
    ReportRendering rendering;
    @Inject
    AlertLog alerts;
    @Inject
    RunReportRepository reports;
    @Inject
    EventCodec codec;

    @Test
    void eachModelGetsOneEmailAtFiveWithTheDaysNumbersAndAMissingRunIsSaid() throws Exception {
        // three days of two models; churn-us did not run on the reported day
        DashboardHistory.seed(pipeline, store, rendering, alerts, reports, codec, DashboardHistory.MODELS, REPORTED, 3,
                Map.of("churn-us", List.of(REPORTED)));

        assertThat(daily.queueDue(DAY.atTime(LocalTime.of(4, 59)).toInstant(ZoneOffset.UTC))).as("before 05:00").isZero();
        assertThat(daily.queueDue(DAY.atTime(LocalTime.of(5, 0)).toInstant(ZoneOffset.UTC))).isEqualTo(2);
        assertThat(daily.queueDue(DAY.atTime(LocalTime.of(5, 1)).toInstant(ZoneOffset.UTC))).as("already queued").isZero();
        assertThat(relay.relayPending()).isEqualTo(2);
        assertThat(relay.relayPending()).isZero();

        List<MimeMessage> received = Arrays.asList(greenMail.getReceivedMessages());
        assertThat(received).as("two messages, one copy per recipient").hasSize(4);

        MimeMessage eu = only(received, "churn-eu");
        String runId = (String) scalar("select run_id from report.run_report where model_id = 'churn-eu' and snapshot_date = ?1", REPORTED);
        String worst = worstSeverity(runId);
        assertThat(MailParts.subject(eu)).startsWith("[ModelWatch " + worst + "] churn-eu " + REPORTED + ": ");
        assertThat(MailParts.recipients(eu)).containsExactlyInAnyOrder(DailyEmailProfiles.RECIPIENTS.split(","));
        assertThat(eu.getHeader(MailDelivery.IDEMPOTENCY_HEADER)).containsExactly("daily-churn-eu-" + DAY);
        String html = MailParts.part(eu, "text/html").orElseThrow();
        // the email writes a value with four decimals and a change with its sign (docs/dashboard.md); the expected text
        // is formatted here by that rule, not by the Figures the email itself uses
        String recall = String.format(Locale.ROOT, "%.4f", value(runId, "estimated_performance", "recall", null));
        String recallBefore = String.format(Locale.ROOT, "%.4f", value((String) scalar("select run_id from report.run_report"
                + " where model_id = 'churn-eu' and snapshot_date = ?1", REPORTED.minusDays(1)), "estimated_performance",
                "recall", null));
        assertThat(html).doesNotContain("<script")
                .contains("churn-eu: " + REPORTED)
                .contains("class=\"value\">" + recall + "</td>")
                .contains(String.format(Locale.ROOT, "%+.4f", Double.valueOf(recall) - Double.valueOf(recallBefore))
                        .substring(0, 4))
                .contains("href=\"" + DailyEmailProfiles.BASE_URL + "/dashboard/churn-eu\"")
                .contains("href=\"" + DailyEmailProfiles.BASE_URL + "/runs/" + runId + "/report\"");
        String topFeature = (String) scalar("select \"column\" from report.run_metrics where run_id = ?1 and category = 'psi'"
                + " and \"column\" <> 'churn_probability' order by value desc limit 1", runId);
        assertThat(html).contains("<tr class=\"feature\"><td style=\"border-top:1px solid #eaeef2;\">" + topFeature + "</td>");
        long runAlerts = ((Number) scalar("select alert_count from report.run_report where run_id = ?1", runId)).longValue();
        assertThat(html.split("class=\"alert\"", -1)).hasSize((int) runAlerts + 1);
        assertThat(MailParts.part(eu, "text/plain")).hasValueSatisfying(t -> assertThat(t).contains("Recall: " + recall));

        MimeMessage us = only(received, "churn-us");
        assertThat(MailParts.subject(us)).isEqualTo("[ModelWatch HIGH] churn-us " + REPORTED + ": no run (last run "
                + REPORTED.minusDays(1) + ")");
        assertThat(MailParts.part(us, "text/html")).hasValueSatisfying(h -> assertThat(h)
                .contains("No run of churn-us for " + REPORTED + ".").contains("The last run was on " + REPORTED.minusDays(1)));

        List<DailyEmail> rows = QuarkusTransaction.requiringNew().call(() -> outbox.list("sendDay", DAY));
        assertThat(rows).hasSize(2).allSatisfy(r -> {
            assertThat(r.status).isEqualTo(OutboxRow.Status.SENT);
            assertThat(r.attempts).isEqualTo(1);
        });
    }

    private static MimeMessage only(List<MimeMessage> received, String model) {
        List<MimeMessage> ours = received.stream().filter(m -> MailParts.subject(m).contains("] " + model + " ")).toList();
        assertThat(ours).as(model).hasSize(2);
        return ours.get(0);
    }

    private String worstSeverity(String runId) {
        Object[] c = (Object[]) QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select alerts_high, alerts_medium, alerts_low from report.run_report where run_id = ?1")
                .setParameter(1, runId).getSingleResult());
        return ((Number) c[0]).intValue() > 0 ? "HIGH" : ((Number) c[1]).intValue() > 0 ? "MEDIUM"
                : ((Number) c[2]).intValue() > 0 ? "LOW" : "OK";
    }

    private Double value(String runId, String category, String name, String column) {
        Object v = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                        select value from report.run_metrics where run_id = ?1 and category = ?2 and name = ?3
                        and "column" is not distinct from cast(?4 as text) and segment is null""")
                .setParameter(1, runId).setParameter(2, category).setParameter(3, name).setParameter(4, column)
                .getSingleResult());
        return ((Number) v).doubleValue();
    }

    private Object scalar(String sql, Object param) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(sql).setParameter(1, param).getSingleResult());
    }
}
