package dev.detour.sim;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the sim remembers of a request it received, served at {@code GET /_sim/requests}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RecordedRequest(Instant time, String method, String path, String query,
                              Map<String, List<String>> headers, String model, String fault) {
}
