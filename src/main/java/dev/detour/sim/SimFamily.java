package dev.detour.sim;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;

/**
 * One simulated wire format (Anthropic Messages here; the OpenAI Chat Completions sim plugs in the same way).
 * The server owns the connection, the control endpoints, the recording and the connection-level faults (reset, no
 * answer); the family writes its replies through {@link SimExchange}, which applies the in-reply faults.
 */
public interface SimFamily {
    /** Answers one API request (any path the server did not take for itself) when the fault lets it through. */
    void handle(SimExchange exchange) throws IOException;

    /** The family's error reply for a {@link FaultMode#STATUS} fault. */
    void error(SimExchange exchange, int status, Integer retryAfterS) throws IOException;

    /** The model named in a request body, for the request record; null when there is none. */
    default String model(SimRequest request) {
        if (request.body().length == 0) {
            return null;
        }
        try {
            JsonNode model = SimServer.JSON.readTree(request.body()).get("model");
            return model != null ? model.asText() : null;
        } catch (IOException notJson) {
            return null;
        }
    }
}
