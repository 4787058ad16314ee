package io.modelwatch.support.notification;

import org.eclipse.microprofile.faulttolerance.ExecutionContext;
import org.eclipse.microprofile.faulttolerance.FallbackHandler;

/**
 * The fallback of every delivery: when the retries are spent, the call timed out or the circuit is open,
 * the notification stays in the outbox (it is already there) and the relay tries again on a later pass.
 */
public class KeepInOutbox implements FallbackHandler<DeliveryOutcome> {

    @Override
    public DeliveryOutcome handle(ExecutionContext context) {
        Thread.interrupted();   // a timed-out attempt leaves the thread interrupted; the relay still has to commit
        return DeliveryOutcome.deferred(reason(context.getFailure()));
    }

    static String reason(Throwable failure) {
        if (failure == null) {
            return "unknown failure";
        }
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }
}
