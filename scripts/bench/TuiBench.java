import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.screen.Screen;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import dev.detour.wire.BridgeStats;
import dev.detour.config.ConfigLoader;
import dev.detour.config.LoadedConfig;
import dev.detour.journal.Event;
import dev.detour.tui.model.BridgeState;
import dev.detour.tui.model.BridgeView;
import dev.detour.tui.model.DashboardState;
import dev.detour.tui.model.Mode;
import dev.detour.tui.view.Render;
import dev.detour.tui.model.Snapshot;
import dev.detour.tui.model.Step;
import dev.detour.health.HealthSnapshot;
import dev.detour.health.PassiveSignals;
import dev.detour.tui.shell.HealthPolls;
import dev.detour.tui.shell.HistoryRecorder;
import dev.detour.tui.model.Update;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Times the dashboard's frames in a Lanterna virtual terminal with N sessions, each bridge holding 200 recent
 * requests (the stats maximum): a full frame (render + refresh), and a key stroke to its frame (input decoded,
 * update, render, refresh). Run by scripts/bench-tui. Args: COLUMNS ROWS N...
 */
public class TuiBench {
    public static void main(String[] args) throws Exception {
        int cols = Integer.parseInt(args[0]);
        int rows = Integer.parseInt(args[1]);
        System.out.printf("%-9s %-8s %-8s %-8s %-8s %-10s %-10s %-10s%n", "sessions", "size", "frame", "", "",
                "key→frame", "", "");
        System.out.printf("%-9s %-8s %-8s %-8s %-8s %-10s %-10s %-10s%n", "", "", "p50 ms", "p90 ms", "p99 ms",
                "p50 ms", "p90 ms", "p99 ms");
        for (int i = 2; i < args.length; i++) {
            int n = Integer.parseInt(args[i]);
            Snapshot snap = snapshot(n);
            DefaultVirtualTerminal vt = new DefaultVirtualTerminal(new TerminalSize(cols, rows));
            TerminalScreen screen = new TerminalScreen(vt);
            screen.startScreen();
            DashboardState state = DashboardState.initial(snap, new Mode(false, false, true), new TerminalSize(cols, rows), Instant.now());
            List<Double> frames = new ArrayList<>();
            for (int f = 0; f < 1500; f++) {
                state = state.at(Instant.now());
                long t = System.nanoTime();
                Render.render(state, screen.newTextGraphics(), screen.getTerminalSize());
                screen.refresh(Screen.RefreshType.DELTA);
                if (f >= 500) {
                    frames.add((System.nanoTime() - t) / 1e6);
                }
            }
            List<Double> keys = new ArrayList<>();
            for (int k = 0; k < 1500; k++) {
                long t = System.nanoTime();
                vt.addInput(new KeyStroke(k % 40 < 20 ? 'j' : 'k', false, false));
                KeyStroke key = screen.pollInput();
                Step step = Update.apply(state.at(Instant.now()), key);
                state = step.state();
                Render.render(state, screen.newTextGraphics(), screen.getTerminalSize());
                screen.refresh(Screen.RefreshType.DELTA);
                if (k >= 500) {
                    keys.add((System.nanoTime() - t) / 1e6);
                }
            }
            screen.stopScreen();
            System.out.printf("%-9d %-8s %-8.2f %-8.2f %-8.2f %-10.2f %-10.2f %-10.2f%n", n, cols + "x" + rows,
                    pct(frames, 50), pct(frames, 90), pct(frames, 99), pct(keys, 50), pct(keys, 90), pct(keys, 99));
        }
    }

    static double pct(List<Double> xs, int p) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get(Math.min(s.size() - 1, s.size() * p / 100));
    }

    static Snapshot snapshot(int n) throws Exception {
        StringBuilder text = new StringBuilder("""
                [upstreams.anthropic]
                family = "anthropic"
                base_url = "http://127.0.0.1:9001"
                auth = "passthrough"

                [upstreams.corp-proxy]
                family = "anthropic"
                base_url = "http://127.0.0.1:9002"
                auth = "passthrough"

                """);
        for (int i = 0; i < n; i++) {
            text.append("[sessions.agent-").append(i).append("]\nport = ").append(20000 + i)
                    .append("\nroute = [\"anthropic\", \"corp-proxy\"]\n\n");
        }
        LoadedConfig loaded = ConfigLoader.parse(Path.of("bench.toml"), text.toString());
        Instant now = Instant.now();
        Map<String, BridgeView> bridges = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String name = "agent-" + i;
            List<BridgeStats.RequestRecord> requests = new ArrayList<>();
            for (int r = 0; r < 200; r++) {
                boolean failed = r % 5 == 0;
                requests.add(new BridgeStats.RequestRecord(now.minusSeconds(200 - r), "POST", "/v1/messages",
                        failed ? "anthropic" : "corp-proxy", failed ? 529 : 200, 120L, 900L, failed ? "overloaded" : null,
                        "conv", "claude-sonnet-4-5", null, List.of(failed ? "anthropic:529" : "corp-proxy:200")));
            }
            Map<String, BridgeStats.UpstreamStats> ups = Map.of(
                    "anthropic", new BridgeStats.UpstreamStats("open", null, 200, 40, Map.of(), 100L, 529, now),
                    "corp-proxy", new BridgeStats.UpstreamStats("closed", null, 160, 0, Map.of(), 120L, 200, now));
            BridgeStats stats = new BridgeStats(name, 1000 + i, now.minusSeconds(600), 20000 + i, 1, null,
                    List.of("anthropic", "corp-proxy"), "corp-proxy", 1, ups, requests, List.of("conv"));
            bridges.put(name, new BridgeView(name, BridgeState.RUNNING, stats, 1000 + i, 0, null, now));
        }
        List<Event> events = new ArrayList<>();
        for (int e = 0; e < 60; e++) {
            events.add(new Event(now.minusSeconds(60 - e), "failover", "agent-" + e, "anthropic", "corp-proxy", "529 overloaded"));
        }
        Snapshot s = Snapshot.of(loaded.file(), loaded.config())
                .withBridges(bridges, new Snapshot.Freshness(now, Duration.ofSeconds(1)))
                .withEvents(events, new Snapshot.Freshness(now, Duration.ofSeconds(1)));
        List<BridgeStats> all = bridges.values().stream().map(BridgeView::stats).toList();
        HealthSnapshot health = HealthSnapshot.of(loaded.config(), Map.of(), PassiveSignals.from(all), Map.of(), List.of(), now);
        Snapshot judged = s.withHealth(HealthPolls.views(health), HealthPolls.advice(health),
                new Snapshot.Freshness(now, Duration.ofSeconds(15)));
        HistoryRecorder history = new HistoryRecorder(java.nio.file.Files.createTempDirectory("tui-bench").resolve("history.json"));
        history.record(judged, now);
        return judged.withHistory(history.series(now));
    }
}
