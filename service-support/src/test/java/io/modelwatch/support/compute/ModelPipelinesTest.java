package io.modelwatch.support.compute;

import io.modelwatch.core.config.ConfigLoader;
import io.modelwatch.core.config.MonitoringConfig;
import io.modelwatch.core.data.CsvReader;
import io.modelwatch.core.data.TableSchema;
import io.modelwatch.core.profile.ReferenceProfile;
import io.modelwatch.core.run.MonitoringPipeline;
import io.modelwatch.support.messaging.PoisonMessageException;
import io.modelwatch.support.store.BatchStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelPipelinesTest {

    /** A store holding one profile; its head is cut at {@code headBytes} whatever length is asked for. */
    private static final class OneProfile extends BatchStore {
        final byte[] profile;
        final int headBytes;
        int wholeReads;

        OneProfile(byte[] profile, int headBytes) {
            super(null);
            this.profile = profile;
            this.headBytes = headBytes;
        }

        @Override
        public Optional<byte[]> profileHead(String referenceId, int bytes) {
            return "ref".equals(referenceId)
                    ? Optional.of(Arrays.copyOf(profile, Math.min(profile.length, Math.min(bytes, headBytes))))
                    : Optional.empty();
        }

        @Override
        public Optional<StoredProfile> profile(String referenceId) {
            wholeReads++;
            return "ref".equals(referenceId) ? Optional.of(new StoredProfile(new ReferenceVersion("ref", "m", 1, "s",
                    1, "c", Instant.EPOCH, null), profile)) : Optional.empty();
        }
    }

    private static byte[] profileBytes(Path dir) throws Exception {
        WarmUp.Day day = WarmUp.writeDay(dir, 2000);
        MonitoringConfig config = ConfigLoader.defaults();
        return MonitoringPipeline.of(config)
                .profile(CsvReader.withDefaults().read(day.reference(), TableSchema.forConfig(config))).toBytes();
    }

    @Test
    void theConfigurationComesFromTheHeadOfTheProfile(@TempDir Path dir) throws Exception {
        byte[] bytes = profileBytes(dir);
        OneProfile store = new OneProfile(bytes, ModelPipelines.HEAD_BYTES);
        MonitoringPipeline pipeline = new ModelPipelines(store).forReference("ref");
        assertThat(pipeline.config()).isEqualTo(ReferenceProfile.configOf(bytes));
        assertThat(store.wholeReads).isZero();
    }

    @Test
    void aConfigurationLongerThanTheHeadIsReadFromTheWholeProfile(@TempDir Path dir) throws Exception {
        byte[] bytes = profileBytes(dir);
        OneProfile store = new OneProfile(bytes, 40);
        MonitoringPipeline pipeline = new ModelPipelines(store).forReference("ref");
        assertThat(pipeline.config()).isEqualTo(ReferenceProfile.configOf(bytes));
        assertThat(store.wholeReads).isEqualTo(1);
    }

    @Test
    void anUnknownReferenceIsAPoisonMessage(@TempDir Path dir) throws Exception {
        OneProfile store = new OneProfile(profileBytes(dir), ModelPipelines.HEAD_BYTES);
        assertThatThrownBy(() -> new ModelPipelines(store).forReference("other"))
                .isInstanceOf(PoisonMessageException.class).hasMessageContaining("other");
    }
}
