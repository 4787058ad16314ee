package io.modelwatch.ingest.service;

/** A run asked for a reference version that is retired (or every version of the model is): answered 409. */
public class RetiredReferenceException extends IllegalStateException {

    public RetiredReferenceException(String message) {
        super(message);
    }
}
