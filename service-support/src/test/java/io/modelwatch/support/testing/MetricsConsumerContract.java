package io.modelwatch.support.testing;

import io.modelwatch.core.config.ConfigLoader;
import io.modelwatch.core.events.Channels;
import io.modelwatch.core.events.MetricsComputed;
import io.modelwatch.core.run.MonitoringPipeline;
import io.modelwatch.core.result.RunResult;
import io.modelwatch.support.compute.RunAssembly;
import io.modelwatch.support.messaging.EventCodec;
import io.modelwatch.support.store.BatchStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

/**
 * What every consumer of the {@code metrics.*} sections (alert-service, report-service) shares: the sections
 * of a stored run, the core's assembled result to compare with, delivering every section twice, and the
 * dead-letter check. A service's {@code @QuarkusTest} extends it with its own assertions.
 */
public abstract class MetricsConsumerContract extends BusTest {

    /** The churn configuration the fixtures' files follow; the stored reference carries it. */
    protected final MonitoringPipeline pipeline = MonitoringPipeline.of(ConfigLoader.defaults());
    @Inject
    protected BatchStore store;
    @Inject
    protected RunAssembly assembly;
    @Inject
    protected EventCodec codec;
    @ConfigProperty(name = "mp.messaging.incoming." + Channels.METRICS_IN + ".queue.name")
    protected String queue;

    /** The core's result for these sections (what the consumer must arrive at), assembled in its own transaction. */
    protected RunResult assembled(List<MetricsComputed> sections) {
        return QuarkusTransaction.requiringNew().call(() -> assembly.assemble(sections.stream()
                .collect(Collectors.toMap(MetricsComputed::kind, Function.identity()))));
    }

    /** Publishes every section twice, as a redelivering broker would. */
    protected void deliverTwice(List<MetricsComputed> sections) throws Exception {
        for (int delivery = 0; delivery < 2; delivery++) {
            for (MetricsComputed s : sections) {
                bus.publish(exchange, s.type(), codec.encode(s));
            }
        }
    }

    @Test
    void malformedEventsAreDeadLetteredWithTheirReasonAndTheConsumerKeepsGoing() throws Exception {
        DeadLetterChecks.poisonMessagesAreDeadLettered(bus, exchange, Channels.METRICS_DRIFT, queue,
                MetricsComputed.class.getSimpleName());
        given().get("/status").then().statusCode(200)
                .body("counts.'MetricsComputed.dead_lettered'", greaterThanOrEqualTo(2));
    }
}
