package io.modelwatch.alert.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelwatch.alert.domain.Notice;
import io.modelwatch.alert.domain.NoticeKind;
import io.modelwatch.core.config.Severity;

/**
 * The body of a Slack incoming-webhook message: a text line (what notifications and screen readers show)
 * and one attachment coloured by severity with the metric, the value against its threshold, the run date
 * and a link to the run's report.
 */
public final class SlackMessage {

    /** Attachment colours: red, amber, blue by severity; green for a resolved notice. */
    public static final String HIGH_COLOUR = "#d32f2f";
    public static final String MEDIUM_COLOUR = "#f9a825";
    public static final String LOW_COLOUR = "#1e88e5";
    public static final String RESOLVED_COLOUR = "#2e7d32";

    private SlackMessage() {
    }

    public static String colour(Notice notice) {
        if (notice.kind() == NoticeKind.RESOLVED) {
            return RESOLVED_COLOUR;
        }
        return colour(notice.severity());
    }

    public static String colour(Severity severity) {
        return switch (severity) {
            case HIGH -> HIGH_COLOUR;
            case MEDIUM -> MEDIUM_COLOUR;
            case LOW -> LOW_COLOUR;
        };
    }

    public static ObjectNode of(Notice notice, ObjectMapper mapper) {
        ObjectNode body = mapper.createObjectNode();
        body.put("text", notice.headline());
        ObjectNode attachment = body.putArray("attachments").addObject();
        attachment.put("color", colour(notice));
        attachment.put("fallback", notice.headline());
        attachment.put("title", notice.message());
        if (notice.reportUrl() != null) {
            attachment.put("title_link", notice.reportUrl());
        }
        ArrayNode fields = attachment.putArray("fields");
        field(fields, "Severity", notice.severity().name());
        field(fields, "Model", notice.modelId());
        field(fields, "Metric", notice.metricName() + (notice.estimated() ? " (estimated)" : ""));
        field(fields, "Where", notice.scope());
        field(fields, "Value", notice.valueText());
        field(fields, "Threshold", notice.thresholdText());
        field(fields, "Run date", notice.runDate() == null ? "n/a" : notice.runDate().toString());
        field(fields, "Rule", notice.rule());
        if (notice.reportUrl() != null) {
            attachment.put("text", "<" + notice.reportUrl() + "|Open the report>");
        }
        attachment.put("footer", "ModelWatch alert #" + notice.alertId()
                + (notice.runId() == null ? "" : " · run " + notice.runId()));
        attachment.put("ts", notice.raisedAt().getEpochSecond());
        return body;
    }

    private static void field(ArrayNode fields, String title, String value) {
        ObjectNode f = fields.addObject();
        f.put("title", title);
        f.put("value", value);
        f.put("short", true);
    }
}
