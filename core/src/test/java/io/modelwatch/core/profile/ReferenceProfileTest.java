package io.modelwatch.core.profile;

import io.modelwatch.core.config.ConfigLoader;
import io.modelwatch.core.config.MonitoringConfig;
import io.modelwatch.core.run.MonitoringPipeline;
import io.modelwatch.core.run.PipelineFixture;
import io.modelwatch.core.synth.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Profile format 4 carries the model's configuration and the per-segment reference of the drift within segments;
 * formats 2 and 3 are refused with "register the reference again".
 */
class ReferenceProfileTest {

    @TempDir
    Path dir;

    @Test
    void theConfigurationTravelsWithTheProfile() {
        MonitoringConfig config = ConfigLoader.defaults().withModelId("churn-eu");
        ReferenceProfile profile = MonitoringPipeline.of(config).profile(PipelineFixture.batch(dir, Scenario.STABLE, 1500, 3));
        byte[] bytes = profile.toBytes();

        ReferenceProfile read = ReferenceProfile.fromBytes(bytes);
        assertThat(read.config()).isEqualTo(config);
        assertThat(ReferenceProfile.configOf(bytes)).isEqualTo(config);
        assertThat(read.formatVersion()).isEqualTo(4);
        assertThat(read.target()).isNotNull();
        assertThat(read.target().labels()).containsExactlyInAnyOrder(io.modelwatch.core.drift.CategoricalSample.numberLabel(0),
                io.modelwatch.core.drift.CategoricalSample.numberLabel(1));
        assertThat(read.predictedClass()).isNotNull();
        assertThat(read.configYaml()).startsWith("# The configuration of model 'churn-eu' (the reference profile of ");
    }

    @Test
    void theSegmentReferenceTravelsWithTheProfile() {
        MonitoringConfig config = ConfigLoader.defaults();
        ReferenceProfile profile = MonitoringPipeline.of(config).profile(PipelineFixture.batch(dir, Scenario.STABLE, 1500, 3));
        ReferenceProfile read = ReferenceProfile.fromBytes(profile.toBytes());
        // 1500 rows: only Month-to-month (55 % of rows) reaches the default 500 reference rows among the contracts
        assertThat(read.segmentColumns()).containsKey("contract_type=Month-to-month")
                .doesNotContainKey("contract_type=One year");
        assertThat(read.segmentColumns().keySet()).isEqualTo(profile.segmentColumns().keySet());
        profile.segmentColumns().forEach((key, columns) -> columns.forEach((name, c) -> {
            var back = read.segmentColumns().get(key).get(name);
            assertThat(back.rows()).isEqualTo(c.rows());
            if (c.runs() != null) {
                assertThat(back.runs().values()).as(key + " " + name).containsExactly(c.runs().values());
                assertThat(back.runs().counts()).containsExactly(c.runs().counts());
            } else {
                assertThat(back.labels()).isEqualTo(c.labels());
                assertThat(back.counts()).containsExactly(c.counts());
            }
        }));
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void aProfileOfAnOlderFormatMustBeRegisteredAgain(int format) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(bytes))) {
            out.write("MWPROF".getBytes(StandardCharsets.US_ASCII));
            out.writeInt(format);
            out.writeInt(2);
            out.write("{}".getBytes(StandardCharsets.UTF_8));
        }
        assertThatThrownBy(() -> ReferenceProfile.fromBytes(bytes.toByteArray()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reference profile format " + format + " is not supported (expected 4, which "
                        + "carries the model's configuration and the per-segment reference of the drift within segments);"
                        + " register the reference again");
        assertThatThrownBy(() -> ReferenceProfile.configOf(bytes.toByteArray()))
                .hasMessageContaining("register the reference again");
    }
}
