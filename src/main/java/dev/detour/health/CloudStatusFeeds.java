package dev.detour.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The clouds' public status feeds, read as a {@link StatusPageReport} for one service in one region. Pure. AWS Health's
 * current events ({@code health.aws.amazon.com/public/currentevents}: a JSON array in UTF-16 with a byte-order mark;
 * {@code service} like {@code bedrock-us-west-2}, {@code status} "3" when resolved) filtered to Bedrock in the
 * upstream's region; Google Cloud's {@code incidents.json} (an incident without {@code end} is active) filtered to
 * Vertex AI in the upstream's location. Anything else is unreadable: unknown, never down.
 */
public final class CloudStatusFeeds {
    public static final String AWS_FEED = "https://health.aws.amazon.com/public/currentevents";
    public static final String GOOGLE_FEED = "https://status.cloud.google.com/incidents.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private CloudStatusFeeds() {
    }

    /** Bedrock's open AWS Health events in {@code region}. */
    public static StatusPageReport aws(String feed, byte[] body, String region, Instant now) {
        JsonNode events = array(decode(body));
        if (events == null) {
            return StatusPageReport.unreadable(feed, now, "not the AWS Health events array");
        }
        List<StatusPageReport.Incident> open = new ArrayList<>();
        for (JsonNode e : events) {
            String service = e.path("service").asText("").toLowerCase(Locale.ROOT);
            if (!service.startsWith("bedrock") || !service.endsWith(region) || "3".equals(e.path("status").asText())) {
                continue;
            }
            String summary = e.path("summary").asText(e.path("service_name").asText("Amazon Bedrock event"));
            Instant began = epoch(e.path("date").asText(null));
            open.add(new StatusPageReport.Incident(summary, "ongoing", "minor", began));
        }
        return report(feed, now, "Amazon Bedrock (" + region + ")", open, false);
    }

    /** Vertex AI's active Google Cloud incidents in {@code location} (or global ones). */
    public static StatusPageReport google(String feed, String body, String location, Instant now) {
        JsonNode incidents = array(body);
        if (incidents == null) {
            return StatusPageReport.unreadable(feed, now, "not the Google Cloud incidents array");
        }
        List<StatusPageReport.Incident> open = new ArrayList<>();
        boolean outage = false;
        for (JsonNode i : incidents) {
            if (i.hasNonNull("end") || !vertex(i) || !inLocation(i, location)) {
                continue;
            }
            String impact = i.path("status_impact").asText("");
            boolean major = impact.equals("SERVICE_OUTAGE") || i.path("severity").asText("").equals("high");
            outage |= major;
            String update = i.path("most_recent_update").path("status").asText("");
            open.add(new StatusPageReport.Incident(i.path("external_desc").asText("Vertex AI incident").strip(),
                    update.isEmpty() ? "ongoing" : update.toLowerCase(Locale.ROOT).replace('_', ' '),
                    major ? "major" : "minor", iso(i.path("begin").asText(null))));
        }
        return report(feed, now, "Vertex AI (" + location + ")", open, outage);
    }

    private static StatusPageReport report(String feed, Instant now, String component, List<StatusPageReport.Incident> open,
                                           boolean outage) {
        String status = open.isEmpty() ? "operational" : outage ? "major_outage" : "partial_outage";
        return new StatusPageReport(feed, now, true, null, open.isEmpty() ? "none" : outage ? "major" : "minor",
                null, null, component, status, open);
    }

    private static boolean vertex(JsonNode incident) {
        for (JsonNode product : incident.path("affected_products")) {
            if (product.path("title").asText("").contains("Vertex")) {
                return true;
            }
        }
        return false;
    }

    private static boolean inLocation(JsonNode incident, String location) {
        JsonNode locations = incident.path("currently_affected_locations");
        if (!locations.isArray() || locations.isEmpty()) {
            return true;
        }
        for (JsonNode l : locations) {
            String id = l.path("id").asText("");
            if (id.equals(location) || id.equals("global") || location.equals("global")
                    || location.length() == 2 && id.startsWith(location)) {
                return true;
            }
        }
        return false;
    }

    /** UTF-16 when the body starts with a byte-order mark (as AWS Health sends it), else UTF-8. */
    static String decode(byte[] body) {
        if (body.length >= 2 && (body[0] == (byte) 0xFE && body[1] == (byte) 0xFF || body[0] == (byte) 0xFF && body[1] == (byte) 0xFE)) {
            return new String(body, Charset.forName("UTF-16"));
        }
        return new String(body, StandardCharsets.UTF_8);
    }

    private static JsonNode array(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            return node != null && node.isArray() ? node : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static Instant epoch(String seconds) {
        try {
            return seconds == null ? null : Instant.ofEpochSecond(Long.parseLong(seconds.strip()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Instant iso(String text) {
        try {
            return text == null ? null : OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
