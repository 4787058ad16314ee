package io.modelwatch.core.report;

import io.modelwatch.core.alerts.Alert;
import io.modelwatch.core.config.Severity;
import io.modelwatch.core.metrics.MetricRow;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CsvExportTest {

    @Test
    void writesEmptyCellsForNullAndQuotesCommas() {
        String csv = CsvExport.metrics(List.of(
                new MetricRow("performance", "recall", null, null, null, null, MetricRow.UNDEFINED),
                new MetricRow("segment", "recall", null, "contract_type=One year", 0.5, 0.7, MetricRow.BREACH),
                new MetricRow("drift", "jensenshannon", "churn_actual", null, 0.12, 0.1, MetricRow.BREACH, "target")));
        // role is empty except on drift and PSI rows; the band columns are empty on a row without a band
        assertThat(csv).isEqualTo(CsvExport.METRICS_HEADER + "\n"
                + "performance,recall,,,,,undefined,,,,\n"
                + "segment,recall,,contract_type=One year,0.5,0.7,breach,,,,\n"
                + "drift,jensenshannon,churn_actual,,0.12,0.1,breach,target,,,\n");
    }

    @Test
    void alertMessagesWithCommasAndQuotesStayOneCell() {
        String csv = CsvExport.alerts(List.of(new Alert(Severity.HIGH, "r", "quality", "unknown_category", "c", null,
                3.0, null, false, "values \"x\", \"y\"")));
        assertThat(csv.lines().skip(1).findFirst().orElseThrow())
                .isEqualTo("HIGH,r,quality,unknown_category,c,,3.0,,false,\"values \"\"x\"\", \"\"y\"\"\"");
    }
}
