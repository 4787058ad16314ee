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

/**
 * Profile format 3 carries the model's configuration, format 4 also the reference part of the no-change bands;
 * format 2 is refused with "register the reference again".
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

    /**
     * Format 4 adds the reference part of the no-change bands; a format-3 profile (the same bytes without it) is
     * still read, and its noise part is computed from its WoE tables: equal to what format 4 stores.
     */
    @Test
    void aProfileOfFormatThreeIsStillReadAndGetsItsNoisePart() throws Exception {
        ReferenceProfile profile = MonitoringPipeline.of(ConfigLoader.defaults())
                .profile(PipelineFixture.batch(dir, Scenario.STABLE, 3000, 4));
        assertThat(profile.woeNoise()).isNotEmpty().containsOnlyKeys(profile.woe().keySet());

        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(new java.util.zip.GZIPInputStream(
                new java.io.ByteArrayInputStream(profile.toBytes())).readAllBytes());
        byte[] magic = new byte[6];
        in.get(magic);
        assertThat(in.getInt()).isEqualTo(4);
        byte[] yaml = new byte[in.getInt()];
        in.get(yaml);
        byte[] json = new byte[in.getInt()];
        in.get(json);
        byte[] rest = new byte[in.remaining()];
        in.get(rest);
        com.fasterxml.jackson.databind.node.ObjectNode tree = (com.fasterxml.jackson.databind.node.ObjectNode)
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        assertThat(tree.has("woeNoise")).isTrue();
        tree.remove("woeNoise");
        tree.put("formatVersion", 3);
        byte[] json3 = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(tree);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(bytes))) {
            out.write(magic);
            out.writeInt(3);
            out.writeInt(yaml.length);
            out.write(yaml);
            out.writeInt(json3.length);
            out.write(json3);
            out.write(rest);
        }

        ReferenceProfile read = ReferenceProfile.fromBytes(bytes.toByteArray());
        assertThat(read.formatVersion()).isEqualTo(3);
        assertThat(read.woeNoise()).isEqualTo(profile.woeNoise());
        assertThat(read.woe()).isEqualTo(profile.woe());
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
