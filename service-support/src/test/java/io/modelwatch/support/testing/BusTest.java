package io.modelwatch.support.testing;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * A service test that talks to the real local RabbitMQ under this build's test names: it connects before the
 * class and deletes the test exchanges and queues after it (once per class, so the tests of one service that
 * use the bus belong in one class).
 */
public abstract class BusTest {

    protected static TestBus bus;

    @ConfigProperty(name = "modelwatch.bus.exchange")
    protected String exchange;

    @BeforeAll
    static void connect() {
        bus = TestBus.connect();
    }

    @AfterAll
    static void disconnect() throws Exception {
        bus.deleteTestNames();
        bus.close();
    }
}
