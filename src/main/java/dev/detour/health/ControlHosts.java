package dev.detour.health;

import dev.detour.config.Config;
import dev.detour.config.Upstream;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** The control hosts to probe, as configured: {@code control_hosts} from the settings, else the first upstream's host and 1.1.1.1. */
public final class ControlHosts {
    /** A host that answers HTTPS on its IP address from almost anywhere. */
    public static final String WELL_KNOWN = "1.1.1.1";

    private ControlHosts() {
    }

    public static List<String> of(Config config) {
        List<String> hosts = new ArrayList<>(config.settings().controlHosts());
        if (hosts.isEmpty()) {
            config.upstreams().values().stream().findFirst().map(ControlHosts::origin).ifPresent(hosts::add);
            hosts.add(WELL_KNOWN);
        }
        return hosts;
    }

    private static String origin(Upstream u) {
        URI uri = URI.create(u.baseUrl());
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }
}
