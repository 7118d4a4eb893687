import dev.detour.config.Failover;
import dev.detour.config.Session;
import dev.detour.supervise.AgentDiscovery;
import dev.detour.supervise.AgentScan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Times agent discovery over this machine's /proc; run by scripts/bench-discovery. Args: PORT ROUNDS. */
public class DiscoveryBench {
    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        int rounds = Integer.parseInt(args[1]);
        List<Session> sessions = List.of(new Session("bench", port, List.of("anthropic"), Failover.OFF));
        AgentDiscovery discovery = AgentDiscovery.system();
        AgentScan scan = discovery.scan(sessions);
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            scan = discovery.scan(sessions);
            ms.add((System.nanoTime() - start) / 1e6);
        }
        Collections.sort(ms);
        long processes = ProcessHandle.allProcesses().count();
        System.out.printf("%-10s %-9s %-10s %-8s %-8s %-8s %-8s%n",
                "processes", "attached", "bypassing", "rounds", "min ms", "p50 ms", "max ms");
        System.out.printf("%-10d %-9d %-10d %-8d %-8.1f %-8.1f %-8.1f%n", processes, scan.attached().size(),
                scan.bypassing().size(), rounds, ms.get(0), ms.get(ms.size() / 2), ms.get(ms.size() - 1));
    }
}
