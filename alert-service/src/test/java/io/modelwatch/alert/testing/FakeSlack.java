package io.modelwatch.alert.testing;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A fake Slack incoming webhook (WireMock on a free loopback port) for the application under test:
 * {@code modelwatch.alerts.slack.webhook-url} points at it. It is either {@link #down()} (answers 500, then
 * hangs {@link #HANG_MILLIS} and answers 503, in turn: both a failure and a timeout for the client) or
 * {@link #up()} (answers 200 "ok"). Init arg {@code state}: the state it starts in ({@code down} or {@code up}).
 */
public class FakeSlack implements QuarkusTestResourceLifecycleManager {

    public static final String HOOK = "/services/T0000/B0000/fake-hook";
    /** Longer than the test timeout of a delivery attempt (2 s in the Slack profiles). */
    public static final int HANG_MILLIS = 4000;

    private WireMockServer server;
    private final List<StubMapping> stubs = new ArrayList<>();
    private String initialState = "down";

    @Override
    public void init(Map<String, String> initArgs) {
        initialState = initArgs.getOrDefault("state", "down");
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        if (initialState.equals("up")) {
            up();
        } else {
            down();
        }
        return Map.of("modelwatch.alerts.slack.webhook-url", server.baseUrl() + HOOK);
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(this, new TestInjector.MatchesType(FakeSlack.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }

    /** 500, then a hang and 503, in turn, for every request. */
    public synchronized void down() {
        clear();
        stubs.add(server.stubFor(post(urlEqualTo(HOOK)).inScenario("outage")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500).withBody("internal_error"))
                .willSetStateTo("hanging")));
        stubs.add(server.stubFor(post(urlEqualTo(HOOK)).inScenario("outage")
                .whenScenarioStateIs("hanging")
                .willReturn(aResponse().withStatus(503).withFixedDelay(HANG_MILLIS).withBody("timeout"))
                .willSetStateTo(Scenario.STARTED)));
    }

    /** 200 "ok", as Slack answers an accepted message. */
    public synchronized void up() {
        clear();
        stubs.add(server.stubFor(post(urlEqualTo(HOOK)).willReturn(aResponse().withStatus(200).withBody("ok"))));
    }

    private void clear() {
        stubs.forEach(server::removeStub);   // keeps the request journal
        stubs.clear();
        server.resetScenarios();
    }

    /** Every request received so far (the journal survives state changes). */
    public List<ServeEvent> requests() {
        return server.getAllServeEvents();
    }

    /** Requests answered 200 (accepted messages), as idempotency key → body, in arrival order. */
    public List<Map.Entry<String, String>> accepted() {
        List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
        events.sort(java.util.Comparator.comparing(e -> e.getRequest().getLoggedDate()));
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (ServeEvent e : events) {
            if (e.getResponse().getStatus() == 200) {
                out.add(Map.entry(e.getRequest().getHeader("Idempotency-Key"), e.getRequest().getBodyAsString()));
            }
        }
        return out;
    }
}
