package dev.detour.config;

/**
 * How many random cases a property test runs. In full everywhere but under PIT, whose JVMs get
 * {@code -Ddetour.propertyTests=quick} (pom.xml): PIT runs every covering test again for each surviving mutant, and the
 * writer's fsync'd steps made the config package's run last hours. The quick size still reaches every kind of step.
 */
final class PropertyRuns {
    private static final int QUICK_DIVISOR = 8;

    private PropertyRuns() {
    }

    static int of(int full) {
        return "quick".equals(System.getProperty("detour.propertyTests")) ? Math.max(1, full / QUICK_DIVISOR) : full;
    }
}
