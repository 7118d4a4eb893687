package dev.detour.tui.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One upstream's or session's last 15 minutes, oldest bucket first (each {@link #BUCKET_S} seconds): requests,
 * failed share and mean time to first byte. A bucket without traffic holds 0 requests and null share and latency.
 */
public record Series(List<Integer> requests, List<Double> errorShare, List<Long> latencyMs) {
    public static final int BUCKET_S = 30;
    public static final int BUCKETS = 30;

    public Series {
        requests = List.copyOf(requests);
        errorShare = Collections.unmodifiableList(new ArrayList<>(errorShare));
        latencyMs = Collections.unmodifiableList(new ArrayList<>(latencyMs));
    }

    public boolean empty() {
        return requests.stream().allMatch(n -> n == 0);
    }
}
