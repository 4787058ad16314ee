package io.modelwatch.alert.domain;

/** What deduplication made of a raised alert. */
public enum Decision {
    /** First of its key, or again after the cooldown, or after it was resolved: notified. */
    NEW,
    /** More severe than the open alert of its key (MEDIUM to HIGH): notified as a new alert. */
    ESCALATION,
    /** Same key and no more severe than the open alert, within the cooldown: logged, not notified. */
    REPEAT;

    public boolean notifies() {
        return this != REPEAT;
    }
}
