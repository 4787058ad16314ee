package io.modelwatch.core.profile;

import io.modelwatch.core.config.ConfigLoader;
import io.modelwatch.core.config.MonitoringConfig;
import io.modelwatch.core.run.MonitoringPipeline;
import io.modelwatch.core.run.PipelineFixture;
import io.modelwatch.core.synth.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Profile format 3 carries the model's configuration; format 2 is refused with "register the reference again". */
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
    void aProfileOfFormatTwoMustBeRegisteredAgain() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(bytes))) {
            out.write("MWPROF".getBytes(StandardCharsets.US_ASCII));
            out.writeInt(2);
            out.writeInt(2);
            out.write("{}".getBytes(StandardCharsets.UTF_8));
        }
        assertThatThrownBy(() -> ReferenceProfile.fromBytes(bytes.toByteArray()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reference profile format 2 is not supported (expected 3 to 4; format 3 first carried "
                        + "the model's configuration); register the reference again");
        assertThatThrownBy(() -> ReferenceProfile.configOf(bytes.toByteArray()))
                .hasMessageContaining("register the reference again");
    }
}
