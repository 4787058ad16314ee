package io.modelwatch.alert.service;

import io.modelwatch.core.events.AlertRaised;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Default delivery until Slack and email exist: one log line per alert. Replaced by any other bean. */
@DefaultBean
@ApplicationScoped
public class LoggingAlertDelivery implements AlertDelivery {

    private static final Logger LOG = Logger.getLogger(LoggingAlertDelivery.class);

    @Override
    public void deliver(AlertRaised event) {
        LOG.infof("[%s] run %s %s: %s", event.alert().severity(), event.runId(), event.alert().key(), event.alert().message());
    }
}
