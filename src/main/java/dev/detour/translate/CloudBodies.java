package dev.detour.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * The Messages body in the clouds' shapes and back. Bedrock: no {@code model} (it is in the path), no {@code stream}
 * (the path says it), {@code anthropic_version = "bedrock-2023-05-31"}, the betas in the body as
 * {@code anthropic_beta}. Vertex: no {@code model}, {@code stream} kept, {@code anthropic_version =
 * "vertex-2023-10-16"}, the betas in the body too. Pure.
 */
public final class CloudBodies {
    public static final String BEDROCK_VERSION = "bedrock-2023-05-31";
    public static final String VERTEX_VERSION = "vertex-2023-10-16";

    /** A Messages request in canonical form, as read back from a cloud-shaped one. */
    public record Canonical(ObjectNode body, List<String> betas) {
    }

    private CloudBodies() {
    }

    /** The Bedrock body for a Messages body and the betas that may go with it. */
    public static byte[] bedrock(JsonNode messages, List<String> betas) {
        ObjectNode body = cloud(messages, BEDROCK_VERSION, betas);
        body.remove("stream");
        return Json.write(body).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The Vertex body for a Messages body and the betas that may go with it. */
    public static byte[] vertex(JsonNode messages, List<String> betas) {
        return Json.write(cloud(messages, VERTEX_VERSION, betas)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * A cloud-shaped body back in the Messages shape: {@code model} from the path, {@code stream} as the path or body
     * says, {@code anthropic_version} removed, {@code anthropic_beta} returned as header flags.
     */
    public static Canonical canonical(JsonNode cloudBody, String model, boolean stream) {
        ObjectNode body = Json.object().put("model", model);
        cloudBody.fields().forEachRemaining(f -> {
            if (!f.getKey().equals("anthropic_version") && !f.getKey().equals("anthropic_beta")
                    && !f.getKey().equals("model") && !f.getKey().equals("stream")) {
                body.set(f.getKey(), f.getValue());
            }
        });
        if (stream) {
            body.put("stream", true);
        }
        List<String> betas = new java.util.ArrayList<>();
        cloudBody.path("anthropic_beta").forEach(b -> betas.add(b.asText()));
        return new Canonical(body, List.copyOf(betas));
    }

    private static ObjectNode cloud(JsonNode messages, String version, List<String> betas) {
        ObjectNode body = Json.object().put("anthropic_version", version);
        messages.fields().forEachRemaining(f -> {
            if (!f.getKey().equals("model") && !f.getKey().equals("anthropic_version") && !f.getKey().equals("anthropic_beta")) {
                body.set(f.getKey(), f.getValue());
            }
        });
        if (!betas.isEmpty()) {
            ArrayNode flags = body.putArray("anthropic_beta");
            betas.forEach(flags::add);
        }
        return body;
    }
}
