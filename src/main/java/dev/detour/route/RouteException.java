package dev.detour.route;

/** A route change that cannot be made: an unknown session or upstream, or no upstream of the wanted family. */
public class RouteException extends IllegalArgumentException {
    public RouteException(String message) {
        super(message);
    }
}
