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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Amazon Bedrock's runtime API for Claude, simulated: {@code POST /model/{id}/invoke} and
 * {@code /invoke-with-response-stream}, checked the way the service checks them (SigV4 signature and scope, or a
 * Bedrock API key; a model id; {@code anthropic_version}; no {@code model} or {@code stream} in the body; known betas),
 * answered by the Anthropic sim's script, streamed in AWS event-stream frames. Errors are Bedrock's: a status,
 * {@code x-amzn-ErrorType} and {@code {"message": ...}}.
 */
public final class BedrockSim implements SimFamily {
    private static final Pattern ROUTE = Pattern.compile("/model/([^/]+)/(invoke|invoke-with-response-stream)");
    private static final Pattern MODEL_ID = Pattern.compile("((us|eu|apac|global|us-gov)\\.)?anthropic\\.claude-[a-z0-9-]+-v\\d+(:\\d+)?");
    /** An inference profile of the caller's account, as ARN; the region must be the one this sim serves. */
    private static final Pattern PROFILE_ARN = Pattern.compile(
            "arn:aws:bedrock:([a-z0-9-]+):\\d{12}:(application-inference-profile|inference-profile)/[A-Za-z0-9.:-]+");
    private final AnthropicSim answers;
    private final CloudSimAuth auth;
    private final String region;
    private final Clock clock;

    public BedrockSim(String name, CloudSimAuth auth, String region, Clock clock) {
        this.answers = new AnthropicSim(name);
        this.auth = auth;
        this.region = region;
        this.clock = clock;
    }

    @Override
    public void handle(SimExchange exchange) throws IOException {
        SimRequest request = exchange.request();
        SigV4Check.Refusal refusal = SigV4Check.check(request, auth, region, clock.instant());
        if (refusal != null) {
            error(exchange, refusal.status(), refusal.exceptionType(), refusal.message());
            return;
        }
        Matcher route = ROUTE.matcher(request.path());
        if (!request.method().equals("POST") || !route.matches()) {
            error(exchange, 404, "UnknownOperationException", "Unknown operation " + request.method() + " " + request.path());
            return;
        }
        String model = URLDecoder.decode(route.group(1), StandardCharsets.UTF_8);
        Matcher arn = PROFILE_ARN.matcher(model);
        if (!MODEL_ID.matcher(model).matches() && !(arn.matches() && arn.group(1).equals(region))) {
            error(exchange, 400, "ValidationException", "The provided model identifier is invalid.");
            return;
        }
        JsonNode body;
        try {
            body = SimServer.JSON.readTree(request.body());
        } catch (IOException notJson) {
            body = null;
        }
        String invalid = invalidBody(body);
        if (invalid != null) {
            error(exchange, 400, "ValidationException", invalid);
            return;
        }
        boolean stream = route.group(2).equals("invoke-with-response-stream");
        CloudBodies.Canonical canonical = CloudBodies.canonical(body, CloudModels.anthropic(model), stream);
        if (stream) {
            exchange.frameEventsAs(EventFraming.BEDROCK);
        }
        answers.answer(exchange, canonical.body());
    }

    /** What Bedrock would refuse in a body, or null. */
    static String invalidBody(JsonNode body) {
        if (body == null || !body.isObject()) {
            return "Malformed input request: the body is not a JSON object, please reformat your input and try again.";
        }
        for (String extraneous : List.of("model", "stream")) {
            if (body.has(extraneous)) {
                return "Malformed input request: #: extraneous key [" + extraneous + "] is not permitted, please "
                        + "reformat your input and try again.";
            }
        }
        if (!CloudBodies.BEDROCK_VERSION.equals(body.path("anthropic_version").asText(null))) {
            return "Malformed input request: #: required key [anthropic_version] not found or not "
                    + CloudBodies.BEDROCK_VERSION + ", please reformat your input and try again.";
        }
        for (JsonNode flag : body.path("anthropic_beta")) {
            if (!BetaPolicy.BEDROCK.contains(flag.asText())) {
                return "invalid beta flag";
            }
        }
        return body.path("messages").isArray() ? null
                : "Malformed input request: #: required key [messages] not found, please reformat your input and try again.";
    }

    @Override
    public void error(SimExchange exchange, int status, Integer retryAfterS) throws IOException {
        String type = switch (status) {
            case 429 -> "ThrottlingException";
            case 400 -> "ValidationException";
            case 401, 403 -> "AccessDeniedException";
            case 404 -> "ResourceNotFoundException";
            case 408 -> "ModelTimeoutException";
            case 500 -> "InternalServerException";
            default -> "ServiceUnavailableException";
        };
        String message = switch (type) {
            case "ThrottlingException" -> "Too many requests, please wait before trying again.";
            case "AccessDeniedException" -> "You don't have access to the model with the specified model ID.";
            case "ServiceUnavailableException" -> "Bedrock is unable to process your request.";
            default -> "Simulated " + status;
        };
        error(exchange, status, type, message);
    }

    @Override
    public String model(SimRequest request) {
        Matcher route = ROUTE.matcher(request.path());
        return route.matches() ? URLDecoder.decode(route.group(1), StandardCharsets.UTF_8) : null;
    }

    private static void error(SimExchange exchange, int status, String type, String message) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-amzn-RequestId", UUID.randomUUID().toString());
        headers.put("x-amzn-ErrorType", type + ":http://internal.amazon.com/coral/com.amazon.bedrock/");
        headers.put("Content-Type", "application/json");
        ObjectNode body = SimServer.JSON.createObjectNode().put("message", message);
        exchange.reply(status, headers, SimServer.JSON.writeValueAsBytes(body));
    }
}
