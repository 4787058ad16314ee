package io.modelwatch.support.messaging;

/** A message that can never be processed (malformed JSON, missing field, unknown batch): it goes to the DLQ. */
public class PoisonMessageException extends RuntimeException {

    public PoisonMessageException(String reason, Throwable cause) {
        super(reason, cause);
    }

    public PoisonMessageException(String reason) {
        super(reason);
    }
}
