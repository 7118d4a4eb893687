package dev.detour.testing;

/** Closes what a test class started, in the order given, skipping what never started. */
public final class Cleanup {
    private Cleanup() {
    }

    public static void closeAll(AutoCloseable... started) {
        for (AutoCloseable p : started) {
            try {
                if (p != null) {
                    p.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
