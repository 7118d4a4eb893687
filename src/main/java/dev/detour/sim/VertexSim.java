package dev.detour.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.detour.translate.BetaPolicy;
import dev.detour.translate.CloudBodies;
import dev.detour.translate.CloudModels;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Google Vertex AI for Claude, simulated: {@code POST /v1/projects/P/locations/R/publishers/anthropic/models/M:rawPredict}
 * and {@code :streamRawPredict}, {@code count-tokens:rawPredict}, checked as the service checks them (a valid,
 * unexpired bearer; the project and location; a Vertex model id; {@code anthropic_version}; known betas), answered
 * by the Anthropic sim's script in ordinary SSE. It is also an OAuth token endpoint ({@code POST /token}, the
 * JWT-bearer grant a service-account file's {@code token_uri} uses), issuing tokens that expire.
 */
public final class VertexSim implements SimFamily {
    private static final Pattern ROUTE = Pattern.compile(
            "/v1/projects/([^/]+)/locations/([^/]+)/publishers/anthropic/models/([^/:]+):(rawPredict|streamRawPredict)");
    private static final Pattern MODEL_ID = Pattern.compile("claude-[a-z0-9-]+@\\d{8}");
    private final AnthropicSim answers;
    private final CloudSimAuth auth;
    private final String project;
    private final String region;
    private final Duration tokenLifetime;
    private final Clock clock;
    private final Map<String, Instant> issued = new ConcurrentHashMap<>();

    public VertexSim(String name, CloudSimAuth auth, String project, String region, Duration tokenLifetime, Clock clock) {
        this.answers = new AnthropicSim(name);
        this.auth = auth;
        this.project = project;
        this.region = region;
        this.tokenLifetime = tokenLifetime;
        this.clock = clock;
    }

    @Override
    public void handle(SimExchange exchange) throws IOException {
        SimRequest request = exchange.request();
        if (request.method().equals("POST") && request.path().equals("/token")) {
            token(exchange);
            return;
        }
        String bearer = request.header("authorization");
        if (bearer == null || !bearer.regionMatches(true, 0, "Bearer ", 0, 7) || !valid(bearer.substring(7).strip())) {
            google(exchange, 401, "UNAUTHENTICATED", "Request had invalid authentication credentials. Expected OAuth 2 "
                    + "access token, login cookie or other valid authentication credential.");
            return;
        }
        Matcher route = ROUTE.matcher(request.path());
        if (!request.method().equals("POST") || !route.matches()) {
            google(exchange, 404, "NOT_FOUND", "The requested URL " + request.path() + " was not found on this server.");
            return;
        }
        if (!route.group(1).equals(project)) {
            google(exchange, 403, "PERMISSION_DENIED", "Permission denied on resource project " + route.group(1) + ".");
            return;
        }
        String model = URLDecoder.decode(route.group(3), StandardCharsets.UTF_8);
        boolean count = model.equals("count-tokens") && route.group(4).equals("rawPredict");
        if (!route.group(2).equals(region) || !count && !MODEL_ID.matcher(model).matches()) {
            google(exchange, 404, "NOT_FOUND", "Publisher Model `projects/" + route.group(1) + "/locations/"
                    + route.group(2) + "/publishers/anthropic/models/" + model + "` not found.");
            return;
        }
        JsonNode body;
        try {
            body = SimServer.JSON.readTree(request.body());
        } catch (IOException notJson) {
            body = null;
        }
        String invalid = invalidBody(body, count);
        if (invalid != null) {
            anthropicError(exchange, invalid);
            return;
        }
        if (count) {
            ObjectNode tokens = SimServer.JSON.createObjectNode().put("input_tokens", Math.max(1, request.body().length / 4));
            exchange.reply(200, Map.of("Content-Type", "application/json"), SimServer.JSON.writeValueAsBytes(tokens));
            return;
        }
        boolean stream = body.path("stream").asBoolean(false);
        if (stream != route.group(4).equals("streamRawPredict")) {
            anthropicError(exchange, "stream: " + (stream ? "use :streamRawPredict for a streamed reply"
                    : ":streamRawPredict needs \"stream\": true"));
            return;
        }
        answers.answer(exchange, CloudBodies.canonical(body, CloudModels.anthropic(model), stream).body());
    }

    /** What Vertex would refuse in a body, or null. */
    static String invalidBody(JsonNode body, boolean count) {
        if (body == null || !body.isObject()) {
            return "The request body is not valid JSON";
        }
        if (!CloudBodies.VERTEX_VERSION.equals(body.path("anthropic_version").asText(null))) {
            return "anthropic_version: Input should be '" + CloudBodies.VERTEX_VERSION + "'";
        }
        if (count != body.has("model")) {
            return count ? "model: Field required" : "model: Extra inputs are not permitted";
        }
        for (JsonNode flag : body.path("anthropic_beta")) {
            if (!BetaPolicy.VERTEX.contains(flag.asText())) {
                return "Unexpected value(s) `" + flag.asText() + "` for the `anthropic-beta` header.";
            }
        }
        return body.path("messages").isArray() ? null : "messages: Field required";
    }

    private boolean valid(String token) {
        if (CloudSimAuth.same(auth.bearer(), token)) {
            return true;
        }
        Instant expires = issued.get(token);
        return expires != null && clock.instant().isBefore(expires);
    }

    /** The JWT-bearer grant: a signed assertion in, an access token out (the assertion's claims are checked). */
    private void token(SimExchange exchange) throws IOException {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : new String(exchange.request().body(), StandardCharsets.UTF_8).split("&")) {
            String[] kv = pair.split("=", 2);
            form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        String[] jwt = form.getOrDefault("assertion", "").split("\\.");
        JsonNode claims = null;
        if (jwt.length == 3) {
            try {
                claims = SimServer.JSON.readTree(Base64.getUrlDecoder().decode(jwt[1]));
            } catch (IOException | IllegalArgumentException bad) {
                claims = null;
            }
        }
        if (!"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(form.get("grant_type")) || claims == null
                || !claims.path("scope").asText("").contains("cloud-platform") || !claims.hasNonNull("iss")) {
            ObjectNode error = SimServer.JSON.createObjectNode().put("error", "invalid_grant")
                    .put("error_description", "Invalid JWT assertion or grant type");
            exchange.reply(400, Map.of("Content-Type", "application/json"), SimServer.JSON.writeValueAsBytes(error));
            return;
        }
        String token = "ya29.sim-" + UUID.randomUUID().toString().replace("-", "");
        issued.put(token, clock.instant().plus(tokenLifetime));
        ObjectNode answer = SimServer.JSON.createObjectNode().put("access_token", token)
                .put("expires_in", tokenLifetime.toSeconds()).put("token_type", "Bearer");
        exchange.reply(200, Map.of("Content-Type", "application/json"), SimServer.JSON.writeValueAsBytes(answer));
    }

    @Override
    public void error(SimExchange exchange, int status, Integer retryAfterS) throws IOException {
        switch (status) {
            case 429 -> google(exchange, 429, "RESOURCE_EXHAUSTED", "Quota exceeded for "
                    + "aiplatform.googleapis.com/online_prediction_requests_per_base_model.");
            case 401 -> google(exchange, 401, "UNAUTHENTICATED", "Request had invalid authentication credentials.");
            case 403 -> google(exchange, 403, "PERMISSION_DENIED", "Permission denied on resource project " + project + ".");
            case 503 -> google(exchange, 503, "UNAVAILABLE", "The service is currently unavailable.");
            default -> answers.error(exchange, status, retryAfterS);
        }
    }

    @Override
    public String model(SimRequest request) {
        Matcher route = ROUTE.matcher(request.path());
        return route.matches() ? URLDecoder.decode(route.group(3), StandardCharsets.UTF_8) : null;
    }

    private static void google(SimExchange exchange, int status, String googleStatus, String message) throws IOException {
        ObjectNode body = SimServer.JSON.createObjectNode();
        body.putObject("error").put("code", status).put("message", message).put("status", googleStatus);
        exchange.reply(status, Map.of("Content-Type", "application/json"), SimServer.JSON.writeValueAsBytes(body));
    }

    private static void anthropicError(SimExchange exchange, String message) throws IOException {
        ObjectNode body = SimServer.JSON.createObjectNode().put("type", "error");
        body.putObject("error").put("type", "invalid_request_error").put("message", message);
        exchange.reply(400, Map.of("Content-Type", "application/json"), SimServer.JSON.writeValueAsBytes(body));
    }
}
