package dev.detour.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads an incident.io status page's JSON ({@code /proxy/HOST}, e.g. status.openai.com): {@code summary.components},
 * {@code summary.structure} (components in groups), {@code summary.affected_components} (live status of the affected
 * ones; every other component is operational) and {@code summary.ongoing_incidents}. The watched component is named
 * by id or by name ("Responses", "Codex"), case-insensitively. Pure. Anything else is unreadable: unknown, never down.
 */
public final class IncidentIoParser {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SEVERITY = List.of("operational", "under_maintenance", "degraded_performance",
            "partial_outage", "major_outage");
    private static final List<String> INDICATORS = List.of("none", "minor", "minor", "major", "critical");

    private IncidentIoParser() {
    }

    /** @param component the watched component's id or name, or null for the page as a whole */
    public static StatusPageReport parse(String page, String component, String body, Instant now) {
        JsonNode root;
        try {
            root = body == null || !body.stripLeading().startsWith("{") ? null : JSON.readTree(body);
        } catch (Exception e) {
            root = null;
        }
        if (root == null) {
            return StatusPageReport.unreadable(page, now, "the incident.io feed is not JSON");
        }
        JsonNode summary = root.has("summary") ? root.path("summary") : root;
        if (!summary.path("affected_components").isArray() && !summary.path("ongoing_incidents").isArray()) {
            return StatusPageReport.unreadable(page, now, "no affected_components or ongoing_incidents in the incident.io feed");
        }
        Map<String, String> names = componentNames(summary);
        String componentId = null;
        if (component != null) {
            for (Map.Entry<String, String> c : names.entrySet()) {
                if (c.getKey().equals(component) || c.getValue().equalsIgnoreCase(component)) {
                    componentId = c.getKey();
                    break;
                }
            }
        }
        int worst = 0;
        String componentStatus = componentId == null ? null : "operational";
        for (JsonNode affected : summary.path("affected_components")) {
            String id = affected.path("component_id").asText(affected.path("id").asText(""));
            String status = normal(affected.path("status").asText(affected.path("current_status").asText("")));
            worst = Math.max(worst, SEVERITY.indexOf(status));
            if (id.equals(componentId)) {
                componentStatus = status;
            }
        }
        List<StatusPageReport.Incident> incidents = new ArrayList<>();
        for (JsonNode incident : summary.path("ongoing_incidents")) {
            if (componentId != null && !affects(incident, componentId)) {
                continue;
            }
            String impact = normal(incident.path("current_worst_impact").asText(""));
            incidents.add(new StatusPageReport.Incident(incident.path("name").asText("incident"),
                    incident.path("status").asText("investigating"), impact.isEmpty() ? null : impact,
                    time(incident.has("published_at") ? incident.path("published_at") : incident.path("created_at"))));
        }
        incidents.sort(Comparator.comparing(StatusPageReport.Incident::createdAt, Comparator.nullsLast(Comparator.reverseOrder())));
        String indicator = INDICATORS.get(Math.max(0, worst));
        String description = worst <= 0 ? "All Systems Operational" : SEVERITY.get(worst).replace('_', ' ');
        return new StatusPageReport(page, now, true, null, indicator, description, componentId == null ? component : componentId,
                componentId == null ? null : names.get(componentId), componentStatus, incidents);
    }

    /** Component id to name, from the flat list and from the grouped structure. */
    private static Map<String, String> componentNames(JsonNode summary) {
        Map<String, String> names = new LinkedHashMap<>();
        for (JsonNode c : summary.path("components")) {
            names.putIfAbsent(c.path("id").asText(""), c.path("name").asText(""));
        }
        for (JsonNode item : summary.path("structure").path("items")) {
            JsonNode single = item.path("component");
            if (single.isObject()) {
                names.putIfAbsent(single.path("component_id").asText(""), single.path("name").asText(""));
            }
            for (JsonNode c : item.path("group").path("components")) {
                names.putIfAbsent(c.path("component_id").asText(""), c.path("name").asText(""));
            }
        }
        names.remove("");
        return names;
    }

    /** Whether the incident names the component; one that names none concerns the whole page. */
    private static boolean affects(JsonNode incident, String componentId) {
        List<JsonNode> named = new ArrayList<>();
        incident.path("affected_components").forEach(named::add);
        incident.path("component_impacts").forEach(named::add);
        if (named.isEmpty()) {
            return true;
        }
        for (JsonNode c : named) {
            if (componentId.equals(c.path("component_id").asText(c.path("id").asText("")))) {
                return true;
            }
        }
        return false;
    }

    /** incident.io's statuses in Statuspage's words, which the rest of health reads. */
    private static String normal(String status) {
        String s = status.toLowerCase(Locale.ROOT);
        return switch (s) {
            case "full_outage" -> "major_outage";
            case "degraded" -> "degraded_performance";
            default -> s;
        };
    }

    private static Instant time(JsonNode node) {
        try {
            return node.isTextual() ? OffsetDateTime.parse(node.asText()).toInstant() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
