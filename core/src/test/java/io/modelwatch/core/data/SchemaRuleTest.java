package io.modelwatch.core.data;

import io.modelwatch.core.config.ConfigException;
import io.modelwatch.core.config.ConfigLoader;
import io.modelwatch.core.config.MonitoringConfig;
import io.modelwatch.core.config.ConfigWriter;
import io.modelwatch.core.synth.Scenario;
import io.modelwatch.core.synth.StreamingChurnGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one rule: explicit wins, otherwise inferred; a stored profile's configuration is replaced only compatibly. */
class SchemaRuleTest {

    @TempDir
    Path dir;

    private ColumnBatch streamingReference(TableSchema schema) throws IOException {
        Path file = dir.resolve("streaming.csv");
        StreamingChurnGenerator.of(Scenario.STABLE, LocalDate.of(2026, 1, 5), "R").write(file, 500, 5);
        return CsvReader.withDefaults().read(file, schema);
    }

    @Test
    void explicitConfigurationWinsOtherwiseTheSchemaIsInferred() throws IOException {
        MonitoringConfig base = ConfigLoader.defaults();
        // to infer, only the roles are typed: account_age (months in the built-in schema) is read as the text it is
        ColumnBatch reference = streamingReference(SchemaRule.referenceSchema(null, base));
        assertThat(reference.column("account_age")).isNotInstanceOf(io.modelwatch.core.data.NumericColumn.class);
        assertThat(SchemaRule.resolve(null, base, reference)).isEqualTo(SchemaInference.infer(reference, base));

        MonitoringConfig explicit = ConfigLoader.parse("features: [{name: plan, kind: categorical}]\nsegments: []\n", "x");
        assertThat(SchemaRule.resolve(explicit, base, reference)).isSameAs(explicit);
    }

    @Test
    void aStoredProfileKeepsItsConfigurationUnlessACompatibleOneIsGiven() throws IOException {
        MonitoringConfig base = ConfigLoader.defaults();
        MonitoringConfig stored = SchemaRule.resolve(null, base,
                streamingReference(SchemaRule.referenceSchema(null, base)));
        assertThat(SchemaRule.forStoredProfile(stored, null, "x")).isSameAs(stored);

        // thresholds, bounds and rules may change without profiling again
        MonitoringConfig stricter = ConfigLoader.parse(ConfigWriter.toYaml(stored, java.util.List.of())
                .replace("drift_share: 0.5", "drift_share: 0.25"), "stricter.yaml");
        assertThat(SchemaRule.forStoredProfile(stored, stricter, "stricter.yaml")).isSameAs(stricter);

        // what the profile computed from may not
        assertThatThrownBy(() -> SchemaRule.forStoredProfile(stored, base, "monitoring.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("monitoring.yaml does not match the configuration the reference profile was "
                        + "computed with: features differ (only in the profile: [plan, weekly_watch_hours, devices,")
                .hasMessageContaining("only in the given configuration: [monthly_charges, total_charges,")
                .hasMessageContaining("feature 'account_age' is categorical in the profile, numeric in the given configuration")
                .hasMessageContaining("segments differ")
                .hasMessageContaining("Profile the reference again");
        MonitoringConfig otherKind = ConfigLoader.parse(ConfigWriter.toYaml(stored, java.util.List.of())
                .replaceAll("\\{name: devices, kind: numeric, min: [^,]+, max: [^,]+", "{name: devices, kind: categorical")
                .replace("psi_bins: 10", "psi_bins: 20"), "other.yaml");
        assertThatThrownBy(() -> SchemaRule.forStoredProfile(stored, otherKind, "other.yaml"))
                .hasMessageContaining("feature 'devices' is numeric in the profile, categorical in the given configuration")
                .hasMessageContaining("drift.psi_bins differs (profile 10, given 20)");
    }
}
