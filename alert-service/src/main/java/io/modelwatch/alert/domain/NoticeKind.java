package io.modelwatch.alert.domain;

/** What a notification tells people. */
public enum NoticeKind {
    /** A new alert (or a reminder after the cooldown). */
    ALERT,
    /** The alert of a key got more severe. */
    ESCALATION,
    /** The metric of an open alert was measured back in bounds (or, for the dead-man's switch, runs arrive again). */
    RESOLVED
}
