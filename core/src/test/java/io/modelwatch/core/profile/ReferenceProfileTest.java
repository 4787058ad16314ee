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
 * Profile format 3 carries the model's configuration, format 4 also the reference part of the no-change bands,
 * format 5 also the per-segment reference of the drift within segments; formats 3 and 4 are still read (without the
 * per-segment reference), format 2 is refused with "register the reference again".
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
        assertThat(read.formatVersion()).isEqualTo(5);
        assertThat(read.target()).isNotNull();
        assertThat(read.target().labels()).containsExactlyInAnyOrder(io.modelwatch.core.drift.CategoricalSample.numberLabel(0),
                io.modelwatch.core.drift.CategoricalSample.numberLabel(1));
        assertThat(read.predictedClass()).isNotNull();
        assertThat(read.configYaml()).startsWith("# The configuration of model 'churn-eu' (the reference profile of ");
    }

    /**
     * Format 4 adds the reference part of the no-change bands, format 5 the per-segment reference; a format-3 profile
     * (the same bytes without either) is still read, and its noise part is computed from its WoE tables: equal to
     * what format 5 stores; a format-4 profile keeps its stored noise part; neither has a per-segment reference.
     */
    @ParameterizedTest
    @ValueSource(ints = {3, 4})
    void aProfileOfFormatThreeOrFourIsStillReadWithoutTheSegmentReference(int format) throws Exception {
        ReferenceProfile profile = MonitoringPipeline.of(ConfigLoader.defaults())
                .profile(PipelineFixture.batch(dir, Scenario.STABLE, 3000, 4));
        assertThat(profile.woeNoise()).isNotEmpty().containsOnlyKeys(profile.woe().keySet());
        assertThat(profile.segmentColumns()).isNotEmpty();

        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(new java.util.zip.GZIPInputStream(
                new java.io.ByteArrayInputStream(profile.toBytes())).readAllBytes());
        byte[] magic = new byte[6];
        in.get(magic);
        assertThat(in.getInt()).isEqualTo(5);
        byte[] yaml = new byte[in.getInt()];
        in.get(yaml);
        byte[] json = new byte[in.getInt()];
        in.get(json);
        byte[] rest = new byte[in.remaining()];
        in.get(rest);
        com.fasterxml.jackson.databind.node.ObjectNode tree = (com.fasterxml.jackson.databind.node.ObjectNode)
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        assertThat(tree.has("woeNoise")).isTrue();
        assertThat(tree.has("segmentColumns")).isTrue();
        if (format == 3) {
            tree.remove("woeNoise");
        }
        tree.remove("segmentColumns");
        tree.put("formatVersion", format);
        byte[] jsonOld = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(tree);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(bytes))) {
            out.write(magic);
            out.writeInt(format);
            out.writeInt(yaml.length);
            out.write(yaml);
            out.writeInt(jsonOld.length);
            out.write(jsonOld);
            out.write(rest);
        }

        ReferenceProfile read = ReferenceProfile.fromBytes(bytes.toByteArray());
        assertThat(read.formatVersion()).isEqualTo(format);
        assertThat(read.woeNoise()).isEqualTo(profile.woeNoise());
        assertThat(read.woe()).isEqualTo(profile.woe());
        assertThat(read.segmentColumns()).isEmpty();
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
    @ValueSource(ints = {2})
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
                .hasMessageContaining("reference profile format " + format + " is not supported (expected 3 to 5;"
                        + " format 3 first carried the model's configuration, format 5 the per-segment reference of"
                        + " the drift within segments); register the reference again");
        assertThatThrownBy(() -> ReferenceProfile.configOf(bytes.toByteArray()))
                .hasMessageContaining("register the reference again");
    }

    /**
     * The reader decodes the statistics as they are inflated, one column's runs at a time through one growing buffer:
     * a profile stored as two gzip members (a concatenating copy tool), cut inside the runs, reads whole, every run
     * equal to the one-member bytes'.
     */
    @Test
    void aProfileOfTwoGzipMembersIsReadWhole() throws Exception {
        ReferenceProfile profile = MonitoringPipeline.of(ConfigLoader.defaults())
                .profile(PipelineFixture.batch(dir, Scenario.STABLE, 1500, 3));
        byte[] raw = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(profile.toBytes())).readAllBytes();
        int cut = raw.length - 1000; // inside the last runs
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (byte[] part : new byte[][]{java.util.Arrays.copyOfRange(raw, 0, cut), java.util.Arrays.copyOfRange(raw, cut, raw.length)}) {
            try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
                out.write(part);
            }
        }

        ReferenceProfile read = ReferenceProfile.fromBytes(bytes.toByteArray());
        assertThat(read.config()).isEqualTo(profile.config());
        assertThat(read.rows()).isEqualTo(1500);
        assertThat(read.columns().keySet()).isEqualTo(profile.columns().keySet());
        profile.columns().forEach((name, c) -> {
            if (c.runs() != null) {
                assertThat(read.columns().get(name).runs().values()).as(name).containsExactly(c.runs().values());
                assertThat(read.columns().get(name).runs().counts()).as(name).containsExactly(c.runs().counts());
            }
        });
        assertThat(read.segmentColumns().keySet()).isEqualTo(profile.segmentColumns().keySet());
    }

    /**
     * The configuration is parsed on a thread of its own while the statistics are decoded; the errors keep the order of
     * one thread: a profile whose configuration and JSON part are both broken names the configuration.
     */
    @Test
    void aBrokenConfigurationIsReportedBeforeABrokenJsonPart() throws Exception {
        byte[] json = "{not json".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ReferenceProfile.fromBytes(formatFive("drift:\n  no_such_key: 1\n", json)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the reference profile's configuration: ")
                .hasMessageContaining("no_such_key");
        // the same profile with a valid configuration fails on its JSON part
        assertThatThrownBy(() -> ReferenceProfile.fromBytes(formatFive("model_id: m\n", json)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a reference profile: ");
    }

    /** The bytes of a format-5 profile with this configuration text and JSON part, and nothing after them. */
    private static byte[] formatFive(String yaml, byte[] json) throws java.io.IOException {
        byte[] config = yaml.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(bytes))) {
            out.write("MWPROF".getBytes(StandardCharsets.US_ASCII));
            out.writeInt(5);
            out.writeInt(config.length);
            out.write(config);
            out.writeInt(json.length);
            out.write(json);
        }
        return bytes.toByteArray();
    }
}
