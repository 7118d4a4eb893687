package dev.detour.bridge;

import dev.detour.dialect.AgentRequest;
import dev.detour.wire.BridgeStats;
import dev.detour.wire.FailureClass;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What one agent request went through, across its attempts: the record for stats and the log line. */
final class RequestTrace {
    private final AgentRequest agent;
    private final long startNanos = System.nanoTime();
    private final Instant startTime = Instant.now();
    private final List<String> attempts = new ArrayList<>();
    private Long ttfbMs;
    private String mappedModel;

    RequestTrace(AgentRequest agent) {
        this.agent = agent;
    }

    /** One step, as {@code upstream:status} or {@code upstream:reason} (or a breaker's note). */
    void attempt(String step) {
        attempts.add(step);
    }

    void mappedModel(String model) {
        if (model != null) {
            mappedModel = model;
        }
    }

    /** The first byte went to the agent now (later calls keep the first time). */
    void firstByte() {
        if (ttfbMs == null) {
            ttfbMs = (System.nanoTime() - startNanos) / 1_000_000;
        }
    }

    /** The upstream of the newest attempt, or null before any. */
    String lastUpstream() {
        for (int i = attempts.size() - 1; i >= 0; i--) {
            int colon = attempts.get(i).indexOf(':');
            if (colon > 0) {
                return attempts.get(i).substring(0, colon);
            }
        }
        return null;
    }

    BridgeStats.RequestRecord record(AttemptOutcome.Delivered delivered) {
        FailureClass failureClass = delivered.failureClass();
        return new BridgeStats.RequestRecord(startTime, agent.method(), agent.path(), delivered.upstream(),
                delivered.status(), ttfbMs, (System.nanoTime() - startNanos) / 1_000_000,
                failureClass == null || failureClass == FailureClass.OK ? null : failureClass.word(),
                agent.claudeSession(), agent.model(), mappedModel, List.copyOf(attempts));
    }

    String logLine(BridgeStats.RequestRecord record) {
        return agent.method() + " " + agent.pathAndQuery() + " model=" + agent.model() + " -> " + record.upstream()
                + " " + record.status() + " ttfb=" + ttfbMs + "ms dur=" + record.durationMs() + "ms attempts=" + attempts
                + (agent.claudeSession() != null ? " claude=" + agent.claudeSession() : "");
    }
}
