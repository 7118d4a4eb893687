package dev.detour.dialect;

import okhttp3.Request;

/**
 * The HTTP request a protocol built for one upstream.
 *
 * @param mappedModel the model sent upstream when it differs from the agent's (family translation), else null
 */
public record UpstreamCall(Request request, String mappedModel) {
}
