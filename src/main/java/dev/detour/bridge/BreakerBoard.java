package dev.detour.bridge;

import dev.detour.config.Upstream;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/** The breakers of every upstream this bridge has used, by name; they survive config reloads. */
public final class BreakerBoard {
    /** An upstream a request will try, and whether it carries the half-open trial. */
    public record Choice(Upstream upstream, boolean trial) {
    }

    private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();
    private final BiConsumer<String, CircuitBreaker.Transition> onTransition;

    /** @param onTransition told of every state change, with the upstream's name */
    public BreakerBoard(BiConsumer<String, CircuitBreaker.Transition> onTransition) {
        this.onTransition = onTransition;
    }

    public CircuitBreaker of(String upstream) {
        return breakers.computeIfAbsent(upstream, name -> new CircuitBreaker());
    }

    /**
     * The upstreams to try, in route order, leaving out those whose breaker is open ({@code notes} gets why). When
     * every breaker is open the request tries them all anyway: an answer from a doubtful upstream beats none.
     */
    public List<Choice> choose(List<Upstream> eligible, long nowNanos, List<String> notes) {
        List<Choice> chosen = new ArrayList<>();
        for (Upstream upstream : eligible) {
            CircuitBreaker breaker = of(upstream.name());
            CircuitBreaker.Permit permit = breaker.permit(nowNanos);
            if (permit.transition() != null) {
                onTransition.accept(upstream.name(), permit.transition());
            }
            if (permit.allowed()) {
                chosen.add(new Choice(upstream, permit.trial()));
            } else {
                notes.add(upstream.name() + ":breaker-" + breaker.state().word());
            }
        }
        if (chosen.isEmpty() && !eligible.isEmpty()) {
            notes.add("every breaker open: trying anyway");
            eligible.forEach(u -> chosen.add(new Choice(u, false)));
        }
        return chosen;
    }

    public void success(String upstream) {
        CircuitBreaker.Transition t = of(upstream).success();
        if (t != null) {
            onTransition.accept(upstream, t);
        }
    }

    public void failure(String upstream, String what) {
        CircuitBreaker.Transition t = of(upstream).failure(System.nanoTime(), what);
        if (t != null) {
            onTransition.accept(upstream, t);
        }
    }

    public void release(String upstream) {
        of(upstream).release();
    }
}
