package dev.detour.sim;

/** The sim's current fault, switched at run time; a fault with {@code times} expires after that many requests. */
public final class FaultSwitch {
    private Fault current = Fault.HEALTHY;
    private int remaining;

    public synchronized void set(Fault fault) {
        current = fault;
        remaining = fault.times() != null ? fault.times() : -1;
    }

    public synchronized Fault current() {
        return current;
    }

    /** The fault for one API request; counts it against {@code times}. */
    public synchronized Fault take() {
        Fault fault = current;
        if (remaining > 0 && --remaining == 0) {
            current = Fault.HEALTHY;
        }
        return fault;
    }
}
