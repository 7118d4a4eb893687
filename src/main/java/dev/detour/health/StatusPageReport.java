package dev.detour.health;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a provider's Atlassian Statuspage says. A page that cannot be read is {@code readable = false}: unknown,
 * never "down".
 *
 * @param problem         why the page could not be read, or null
 * @param indicator       {@code none}, {@code minor}, {@code major} or {@code critical}, or null
 * @param description     the page's own summary, e.g. "Partially Degraded Service"
 * @param componentStatus the watched component's status ({@code operational}, {@code degraded_performance},
 *                        {@code partial_outage}, {@code major_outage}, {@code under_maintenance}), or null
 * @param incidents       open incidents (those naming the watched component, when they name components)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record StatusPageReport(String page, Instant at, boolean readable, String problem, String indicator,
                               String description, String componentId, String componentName, String componentStatus,
                               List<Incident> incidents) {
    public StatusPageReport {
        incidents = List.copyOf(incidents);
    }

    /** How much the page says is wrong. */
    public enum Concern { NONE, MINOR, MAJOR, UNKNOWN }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Incident(String name, String status, String impact, Instant createdAt) {
        /** e.g. {@code 'Elevated errors on Claude Opus', investigating 23 min}. */
        public String describe(Instant now) {
            return "'" + name + "', " + status + (createdAt == null ? "" : " " + Ages.of(Duration.between(createdAt, now)));
        }
    }

    public static StatusPageReport unreadable(String page, Instant at, String problem) {
        return new StatusPageReport(page, at, false, problem, null, null, null, null, null, List.of());
    }

    public Concern concern() {
        if (!readable) {
            return Concern.UNKNOWN;
        }
        if (componentStatus != null) {
            return switch (componentStatus) {
                case "operational" -> incidents.isEmpty() ? Concern.NONE : Concern.MINOR;
                case "major_outage" -> Concern.MAJOR;
                default -> Concern.MINOR;
            };
        }
        if (indicator == null) {
            return incidents.isEmpty() ? Concern.NONE : Concern.MINOR;
        }
        return switch (indicator) {
            case "none" -> incidents.isEmpty() ? Concern.NONE : Concern.MINOR;
            case "major", "critical" -> Concern.MAJOR;
            default -> Concern.MINOR;
        };
    }

    /**
     * One phrase for reasons and advice: the newest open incident, else the component's or page's status;
     * null when all is operational.
     */
    public String summary(Instant now) {
        if (!readable) {
            return "status page unknown (" + problem + ")";
        }
        if (!incidents.isEmpty()) {
            return "status page: " + incidents.get(0).describe(now)
                    + (incidents.size() > 1 ? " (+" + (incidents.size() - 1) + " more)" : "");
        }
        if (componentStatus != null && !"operational".equals(componentStatus)) {
            return "status page: " + (componentName == null ? componentId : componentName) + " "
                    + componentStatus.replace('_', ' ');
        }
        if (componentStatus == null && indicator != null && !"none".equals(indicator)) {
            return "status page: " + (description == null ? indicator : description);
        }
        return null;
    }
}
