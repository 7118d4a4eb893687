package dev.detour.health;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.detour.wire.FailureClass;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * What real traffic through the bridges says about one upstream, summed over every running bridge: the recent
 * attempts (failovers included), by failure class.
 *
 * @param failures  attempts that failed for the upstream's sake (client errors are the client's, not counted)
 * @param classes   failure class word to count
 * @param newest    the time of the newest attempt
 * @param lastStatus the newest attempt's status (0 when it had none)
 * @param bridges   how many bridges contributed
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PassiveSignal(String upstream, int requests, int failures, Map<String, Integer> classes,
                            Long ttfbMsP50, Instant newest, Integer lastStatus, int bridges) {
    public PassiveSignal {
        classes = new TreeMap<>(classes);
    }

    /** Whether the newest attempt is recent enough for traffic to speak for the upstream. */
    public boolean fresh(Instant now, Duration window) {
        return requests > 0 && newest != null && !newest.isBefore(now.minus(window));
    }

    public int errorPercent() {
        return requests == 0 ? 0 : Math.round(100f * failures / requests);
    }

    /** The most frequent failure class (ties: the more severe, i.e. later in {@link FailureClass}), or null. */
    public FailureClass dominantFailure() {
        FailureClass best = null;
        int bestCount = 0;
        for (Map.Entry<String, Integer> e : classes.entrySet()) {
            FailureClass c = FailureClass.fromWord(e.getKey());
            if (c == null || c == FailureClass.OK || c == FailureClass.CLIENT_ERROR) {
                continue;
            }
            if (e.getValue() > bestCount || (e.getValue() == bestCount && best != null && c.ordinal() > best.ordinal())) {
                best = c;
                bestCount = e.getValue();
            }
        }
        return best;
    }

    public int count(FailureClass c) {
        return classes.getOrDefault(c.word(), 0);
    }
}
