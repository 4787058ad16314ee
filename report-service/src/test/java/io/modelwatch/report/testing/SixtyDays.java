package io.modelwatch.report.testing;

import io.modelwatch.core.config.ConfigLoader;
import io.modelwatch.core.run.MonitoringPipeline;
import io.modelwatch.support.store.BatchStore;
import io.modelwatch.report.repository.RunReportRepository;
import io.modelwatch.report.service.AlertLog;
import io.modelwatch.report.service.ReportRendering;
import io.modelwatch.support.messaging.EventCodec;
import io.quarkus.arc.Arc;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * The 60 days of history of the two models of {@link DashboardHistory#MODELS}, ending yesterday (UTC), seeded once
 * per test application (the dashboard tests of one profile share it).
 */
public final class SixtyDays {

    public static final int DAYS = 60;
    private static DashboardHistory.Seeded seeded;

    private SixtyDays() {
    }

    public static synchronized DashboardHistory.Seeded get() {
        if (seeded == null) {
            var c = Arc.container();
            seeded = DashboardHistory.seed(MonitoringPipeline.of(ConfigLoader.defaults()), c.instance(BatchStore.class).get(),
                    c.instance(ReportRendering.class).get(), c.instance(AlertLog.class).get(),
                    c.instance(RunReportRepository.class).get(), c.instance(EventCodec.class).get(),
                    DashboardHistory.MODELS, LocalDate.now(ZoneOffset.UTC).minusDays(1), DAYS, Map.of());
        }
        return seeded;
    }
}
