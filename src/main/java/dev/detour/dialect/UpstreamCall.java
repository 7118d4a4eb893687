package dev.detour.dialect;

import okhttp3.Request;

/**
 * The HTTP request a protocol built for one upstream.
 *
 * @param mappedModel the model sent upstream when it differs from the agent's (family translation), else null
 * @param notes       lines for the bridge log about what the protocol changed (e.g. a beta flag it dropped)
 */
public record UpstreamCall(Request request, String mappedModel, java.util.List<String> notes) {
    public UpstreamCall {
        notes = java.util.List.copyOf(notes);
    }

    public UpstreamCall(Request request, String mappedModel) {
        this(request, mappedModel, java.util.List.of());
    }
}
