package dev.detour.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.wire.ErrorBody;
import dev.detour.wire.FailureClassifier;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Atlassian Statuspage v2 JSON ({@code /api/v2/summary.json} and {@code /api/v2/incidents/unresolved.json}).
 * Pure. Anything that is not that JSON (an HTML page, a challenge, a truncated body) gives an unreadable report.
 */
public final class StatusPageParser {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StatusPageParser() {
    }

    /**
     * @param summary    the body of {@code summary.json}
     * @param unresolved the body of {@code incidents/unresolved.json}, or null when it could not be fetched
     *                   (status.openai.com's summary carries no incidents, so this is where they come from)
     */
    public static StatusPageReport parse(String page, String componentId, String summary, String unresolved, Instant now) {
        JsonNode root = json(summary);
        if (root == null) {
            return StatusPageReport.unreadable(page, now, notJson(summary));
        }
        JsonNode status = root.path("status");
        if (!status.isObject() || !status.path("indicator").isTextual()) {
            return StatusPageReport.unreadable(page, now, "no status.indicator in summary.json");
        }
        String componentName = null;
        String componentStatus = null;
        if (componentId != null) {
            for (JsonNode c : root.path("components")) {
                if (componentId.equals(c.path("id").asText())) {
                    componentName = text(c.path("name"));
                    componentStatus = text(c.path("status"));
                }
            }
        }
        Map<String, StatusPageReport.Incident> incidents = new LinkedHashMap<>();
        collect(root.path("incidents"), componentId, incidents);
        JsonNode open = json(unresolved);
        if (open != null) {
            collect(open.path("incidents"), componentId, incidents);
        }
        List<StatusPageReport.Incident> list = new ArrayList<>(incidents.values());
        list.sort(Comparator.comparing(StatusPageReport.Incident::createdAt,
                Comparator.nullsLast(Comparator.reverseOrder())));
        return new StatusPageReport(page, now, true, null, text(status.path("indicator")),
                text(status.path("description")), componentId, componentName, componentStatus, list);
    }

    private static void collect(JsonNode array, String componentId, Map<String, StatusPageReport.Incident> into) {
        for (JsonNode i : array) {
            String state = text(i.path("status"));
            if ("resolved".equals(state) || "postmortem".equals(state) || "completed".equals(state)) {
                continue;
            }
            if (componentId != null && i.path("components").isArray() && !i.path("components").isEmpty()) {
                boolean names = false;
                for (JsonNode c : i.path("components")) {
                    names |= componentId.equals(c.path("id").asText());
                }
                if (!names) {
                    continue;
                }
            }
            String key = i.path("id").isTextual() ? i.path("id").asText() : text(i.path("name"));
            into.putIfAbsent(key, new StatusPageReport.Incident(text(i.path("name")), state, text(i.path("impact")),
                    time(i.path("created_at"))));
        }
    }

    private static JsonNode json(String text) {
        if (text == null || !text.stripLeading().startsWith("{")) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            return null;
        }
    }

    private static String notJson(String body) {
        if (body == null || body.isBlank()) {
            return "empty answer";
        }
        ErrorBody e = ErrorBody.parse(body);
        if (e.html()) {
            return "answered an HTML page" + (e.message() == null ? "" : " '" + FailureClassifier.shorten(e.message()) + "'")
                    + " instead of JSON";
        }
        return body.stripLeading().startsWith("{") ? "summary.json is not valid JSON" : "answered something other than JSON";
    }

    private static Instant time(JsonNode node) {
        if (!node.isTextual()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(node.asText()).toInstant();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String text(JsonNode node) {
        return node.isValueNode() && !node.isNull() ? node.asText() : null;
    }
}
