package io.modelwatch.report.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Optional;

/**
 * The dashboard and the daily email. Secrets (the SMTP password) come from the environment
 * ({@code QUARKUS_MAILER_PASSWORD}), never from a committed file.
 */
@ConfigMapping(prefix = "modelwatch.report")
public interface ReportSettings {

    /** report-service as people reach it: the email links to {@code <base>/dashboard/<model>} and run reports. */
    @WithDefault("http://localhost:8085")
    String baseUrl();

    Dashboard dashboard();

    DailyEmail dailyEmail();

    interface Dashboard {

        /** Runs shown "at a glance" on the overview page. */
        @WithDefault("30")
        int recentRuns();

        /** Segment dimensions offered when the runs name none (the built-in churn segments). */
        @WithDefault("contract_type,tenure_band,charge_band")
        List<String> defaultDimensions();
    }

    interface DailyEmail {

        /** The time of day the email goes out, in {@link #timeZone()}. */
        @WithDefault("05:00")
        java.time.LocalTime at();

        /** Time zone of {@link #at()} and of "the day". */
        @WithDefault("UTC")
        java.time.ZoneId timeZone();

        /**
         * How often the scheduler checks whether a day's email is due ({@code off} disables it). A check after
         * {@link #at()} queues the day's email unless it was queued already, so a service that was down at that
         * time sends it when it comes back, and never twice.
         */
        @WithDefault("1m")
        String checkEvery();

        /** Who receives it (comma-separated); without recipients no email is queued. */
        Optional<List<String>> recipients();

        /** The email of day D reports the runs of snapshot date D minus this many days (the 04:00 CronJob runs yesterday). */
        @WithDefault("1")
        int reportedDayOffset();

        /** Models always reported, even before their first run here (otherwise: every model with a run). */
        Optional<List<String>> models();

        /** Drifted features listed. */
        @WithDefault("5")
        int topFeatures();

        /** How often the outbox relay looks for pending emails ({@code off} disables the schedule). */
        @WithDefault("30s")
        String relayEvery();

        /** At most this many emails per relay pass. */
        @WithDefault("20")
        int batchSize();
    }
}
