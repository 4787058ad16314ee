package io.modelwatch.support.notification;

/** The peer answered, but not with an acceptance worth stopping for (5xx, 429): retry later. */
public class PeerUnavailableException extends RuntimeException {

    public PeerUnavailableException(String message) {
        super(message);
    }
}
