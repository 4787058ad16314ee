package io.modelwatch.core.report;

import io.modelwatch.core.alerts.Alert;
import io.modelwatch.core.config.Severity;
import io.modelwatch.core.metrics.MetricRow;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** metrics.csv and alerts.csv cells; expected lines written by hand from docs/output-format.md. */
class CsvExportTest {

    @Test
    void writesEmptyCellsForNullAndQuotesCommas() {
        String csv = CsvExport.metrics(List.of(
                new MetricRow("performance", "recall", null, null, null, null, MetricRow.UNDEFINED),
                new MetricRow("segment", "recall", null, "contract_type=One year", 0.5, 0.7, MetricRow.BREACH),
                new MetricRow("drift", "jensenshannon", "churn_actual", null, 0.12, 0.1, MetricRow.BREACH, "target")));
        // role is empty except on drift and PSI rows; the band columns are empty on a row without a band
        // the header as docs/output-format.md documents it, written out rather than taken from CsvExport
        assertThat(csv).isEqualTo("category,name,column,segment,value,threshold,status,role,band_expected,band_error,"
                + "band_step\n"
                + "performance,recall,,,,,undefined,,,,\n"
                + "segment,recall,,contract_type=One year,0.5,0.7,breach,,,,\n"
                + "drift,jensenshannon,churn_actual,,0.12,0.1,breach,target,,,\n");
    }

    @Test
    void alertMessagesWithCommasAndQuotesStayOneCell() {
        String csv = CsvExport.alerts(List.of(new Alert(Severity.HIGH, "r", "quality", "unknown_category", "c", null,
                3.0, null, false, "values \"x\", \"y\"")));
        assertThat(csv.lines().findFirst().orElseThrow())
                .isEqualTo("severity,rule,category,metric,column,segment,value,threshold,estimated,message");
        assertThat(csv.lines().skip(1).findFirst().orElseThrow())
                .isEqualTo("HIGH,r,quality,unknown_category,c,,3.0,,false,\"values \"\"x\"\", \"\"y\"\"\"");
    }
}
