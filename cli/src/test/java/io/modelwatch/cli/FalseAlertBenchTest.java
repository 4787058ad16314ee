package io.modelwatch.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code monitor bench --false-alerts} prints alerts per day by severity on generated stable days. */
class FalseAlertBenchTest {

    @TempDir
    Path dir;

    @Test
    void printsAlertsPerDayBySeverityForEachSizeAndCleansUp() throws Exception {
        CliFixture.Outcome o = CliFixture.run("bench", "--false-alerts", "--sizes", "2000,4000", "--days", "3",
                "--reference-rows", "6000", "--dir", dir.toString());
        assertThat(o.exitCode()).isEqualTo(MonitorCommand.EXIT_OK);
        assertThat(o.out()).startsWith("False alerts on generated stable days (reference: 6,000 stable rows)\n")
                .contains("  rows/day  days    HIGH  MEDIUM     LOW  alerts/day  held back\n");
        // one line per size: 3 days, no HIGH or MEDIUM on stable days, at most one alert a day (the target)
        for (String size : new String[] {"2,000", "4,000"}) {
            String line = o.out().lines().filter(l -> l.trim().startsWith(size + " ")).findFirst().orElseThrow();
            String[] cells = line.trim().split("\\s+");
            assertThat(cells[1]).isEqualTo("3");
            assertThat(cells[2]).as("HIGH on stable days at %s rows", size).isEqualTo("0");
            assertThat(cells[3]).as("MEDIUM on stable days at %s rows", size).isEqualTo("0");
            int low = Integer.parseInt(cells[4]);
            assertThat(Double.parseDouble(cells[5])).isEqualTo(Math.round(100.0 * low / 3) / 100.0);
            assertThat(low).as("LOW alerts in 3 stable days").isLessThanOrEqualTo(3);
        }
        try (var files = java.nio.file.Files.list(dir)) {
            assertThat(files).as("the generated days are deleted").isEmpty();
        }
    }

    @Test
    void aNonPositiveSizeIsRefused() {
        CliFixture.Outcome o = CliFixture.run("bench", "--false-alerts", "--sizes", "0", "--dir", dir.toString());
        assertThat(o.exitCode()).isEqualTo(MonitorCommand.EXIT_BAD_INPUT);
        assertThat(o.err()).contains("--sizes must be positive row counts, got 0");
    }
}
