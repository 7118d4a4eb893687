package dev.detour.cli;

import dev.detour.config.Config;
import dev.detour.config.DetourPaths;
import dev.detour.health.HealthCheck;
import dev.detour.health.HealthSnapshot;

import java.time.Duration;

/** One health check for a command: every probe at once, bounded by {@code --timeout}. */
final class HealthOnce {
    private HealthOnce() {
    }

    static HealthSnapshot check(Config config, double timeoutS) {
        return check(config, timeoutS, java.util.function.UnaryOperator.identity());
    }

    static HealthSnapshot check(Config config, double timeoutS,
                                java.util.function.UnaryOperator<java.util.Map<String, dev.detour.health.PassiveSignal>> passiveExtra) {
        if (!(timeoutS > 0) || timeoutS > 600) {
            throw CliFailure.usage("--timeout must be between 0 and 600 seconds, got " + timeoutS);
        }
        Duration bound = Duration.ofMillis(Math.round(timeoutS * 1000));
        try (HealthCheck check = HealthCheck.withDefaults(bound, System.getenv(), DetourPaths.system())) {
            return check.once(config, bound, passiveExtra);
        }
    }
}
