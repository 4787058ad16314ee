package io.modelwatch.support.compute;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.modelwatch.core.config.ConfigLoader;
import io.modelwatch.core.config.MonitoringConfig;
import io.modelwatch.core.data.CsvReader;
import io.modelwatch.core.data.TableSchema;
import io.modelwatch.core.profile.ReferenceProfile;
import io.modelwatch.core.result.RunInfo;
import io.modelwatch.core.result.RunResult;
import io.modelwatch.core.run.MonitoringPipeline;
import io.modelwatch.support.messaging.EventCodec;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class WarmUpTest {

    private final EventCodec codec = new EventCodec(new ObjectMapper().findAndRegisterModules()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS));

    /**
     * The rehearsal goes through the services' steps (stored column bytes, chunked counts, sections as event JSON)
     * and ends with the run the core computes from the same files in one pass (as the CLI does): it rehearses the
     * real work, not a shortcut.
     */
    @Test
    void rehearsalIsTheRunOfTheSameFiles(@TempDir Path dir) throws Exception {
        WarmUp.Day day = WarmUp.writeDay(dir, 3000);
        RunResult rehearsed = WarmUp.rehearse(codec, day);

        MonitoringConfig config = ConfigLoader.defaults();
        MonitoringPipeline pipeline = MonitoringPipeline.of(config);
        TableSchema schema = TableSchema.forConfig(config);
        ReferenceProfile profile = pipeline.profile(CsvReader.withDefaults().read(day.reference(), schema));
        RunResult direct = pipeline.run(new RunInfo("cli", "cli", day.date(), null, null, null, Instant.now()), profile,
                CsvReader.withDefaults().read(day.current(), schema));

        assertThat(rehearsed.metrics()).isNotEmpty().isEqualTo(direct.metrics());
        assertThat(rehearsed.alerts()).isNotEmpty().isEqualTo(direct.alerts());
        assertThat(rehearsed.drift()).isEqualTo(direct.drift());
    }

    @Test
    void notReadyUntilTheRehearsalHasRun() {
        WarmUp off = new WarmUp(codec, null, null, 0, false);
        assertThat(off.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        WarmUp pending = new WarmUp(codec, null, null, 500, false);
        assertThat(pending.call().getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(pending.call().getName()).isEqualTo("warm-up");
    }
}
