import dev.detour.supervise.BridgeLauncher;
import dev.detour.wire.BridgeStats;
import dev.detour.config.Config;
import dev.detour.config.ConfigLoader;
import dev.detour.config.Settings;
import dev.detour.config.TeamSettings;
import dev.detour.journal.EventJournal;
import dev.detour.team.BridgeTeamAgent;
import dev.detour.team.Inbox;
import dev.detour.team.ServedSession;
import dev.detour.team.Summary;
import dev.detour.team.Team;
import dev.detour.team.TeamMerge;
import dev.detour.team.TeamRoutes;
import dev.detour.team.TeamView;
import redis.clients.jedis.Jedis;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Team mode at scale against a real redis-server on loopback: BOXES boxes x SESSIONS sessions, each session a real
 * team agent (the class bridges run, with its own Redis connection) over simulated traffic stats. Measures what
 * issue 12 asks and prints a table; then a real bridge process's memory with and without the Redis client loaded.
 * Run by scripts/bench-team: java -cp target/detour.jar scripts/bench/TeamBench.java JAR [BOXES] [SESSIONS] [TRIALS]
 */
public class TeamBench {
    static final List<Process> CHILDREN = Collections.synchronizedList(new ArrayList<>());
    static final String SECRET = "bench-team-secret-0123456789";

    public static void main(String[] args) throws Exception {
        String jar = args[0];
        int boxes = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int sessions = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int trials = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> CHILDREN.forEach(Process::destroyForcibly)));
        Path tmp = Files.createTempDirectory("bench-team");
        int redisPort = freePort();
        Process redis = start(tmp.resolve("redis.out"), "redis-server", "--port", Integer.toString(redisPort),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", tmp.toString(), "--maxclients", "4096");
        waitForRedis(redisPort);
        String url = "redis://127.0.0.1:" + redisPort + "/0";
        Jedis admin = new Jedis("127.0.0.1", redisPort, 5000);
        long memoryBefore = info(admin, "used_memory");
        long datasetBefore = info(admin, "used_memory_dataset");

        Config config = ConfigLoader.parse(tmp.resolve("detour.toml"), """
                [upstreams.anthropic]
                family = "anthropic"
                base_url = "https://api.anthropic.com"
                auth = "passthrough"

                [upstreams.corp-proxy]
                family = "anthropic"
                base_url = "https://llm-proxy.example.internal:8766"
                auth = "env:CORP_PROXY_KEY"
                """ + sessionTables(sessions)).config();
        Map<String, String> env = Map.of("BENCH_TEAM_SECRET", SECRET);
        Map<String, Long> appliedAt = new ConcurrentHashMap<>();
        Map<String, String> front = new ConcurrentHashMap<>();
        List<BridgeTeamAgent> agents = new ArrayList<>();
        EventJournal journal = new EventJournal(tmp.resolve("events.jsonl"));
        for (int b = 0; b < boxes; b++) {
            String box = String.format("box-%03d", b);
            TeamSettings settings = new TeamSettings(url, null, "BENCH_TEAM_SECRET", box, "bench");
            for (int s = 0; s < sessions; s++) {
                String session = "s" + s;
                String id = box + "/" + session;
                BridgeStats stats = stats(session, b, s, 0);
                boolean busy = (b * sessions + s) % 4 == 0;
                java.util.concurrent.atomic.AtomicInteger served0 = new java.util.concurrent.atomic.AtomicInteger();
                int boxIndex = b;
                int sessionIndex = s;
                ServedSession served = new ServedSession() {
                    public Config config() {
                        return config;
                    }

                    public BridgeStats stats() {
                        return busy ? TeamBench.stats(session, boxIndex, sessionIndex, served0.incrementAndGet()) : stats;
                    }

                    public void front(String upstream) {
                        front.put(id, upstream == null ? "" : upstream);
                        appliedAt.put(id, System.nanoTime());
                    }
                };
                BridgeTeamAgent agent = new BridgeTeamAgent(Team.open(settings, Settings.DEFAULTS, env, 2000), session, served, journal,
                        tmp.resolve("state-" + box), line -> { });
                agents.add(agent);
            }
        }
        for (BridgeTeamAgent a : agents) {
            a.start();
            Thread.sleep(1000 / Math.max(1, agents.size() / 2));
        }
        Thread.sleep(7000);
        long cmds0 = info(admin, "total_commands_processed");
        long psetex0 = commandCalls(admin, "psetex");
        long t0 = System.nanoTime();
        Thread.sleep(10_000);
        double window = (System.nanoTime() - t0) / 1e9;
        double opsPerS = (info(admin, "total_commands_processed") - cmds0) / window;
        double publishPerS = (commandCalls(admin, "psetex") - psetex0) / window;
        long memoryAfter = info(admin, "used_memory");
        long datasetAfter = info(admin, "used_memory_dataset");
        List<String> keys = new ArrayList<>(admin.zrangeByScore("detour:team:bench:summaries", 0, Double.POSITIVE_INFINITY));
        long bytes = 0;
        for (String key : keys) {
            bytes += admin.strlen(key);
        }
        double bytesPerSummary = keys.isEmpty() ? 0 : (double) bytes / keys.size();

        TeamSettings reader = new TeamSettings(url, null, "BENCH_TEAM_SECRET", "dashboard", "bench");
        List<Double> fetchMs = new ArrayList<>();
        List<Double> coldMs = new ArrayList<>();
        List<Double> steadyMs = new ArrayList<>();
        int merged = 0;
        List<List<String>> fetched = new ArrayList<>();
        List<Long> fetchedAt = new ArrayList<>();
        try (Team team = Team.open(reader, Settings.DEFAULTS, env, 5000)) {
            Inbox dashboard = new Inbox(team.newGate());
            for (int i = 0; i < 25; i++) {
                long a = System.nanoTime();
                List<String> stored = team.store().summaries();
                long b = System.nanoTime();
                fetched.add(stored);
                fetchedAt.add(System.currentTimeMillis());
                TeamView cold = merge(new Inbox(team.newGate()), stored, System.currentTimeMillis());
                long c = System.nanoTime();
                TeamView steady = merge(dashboard, stored, System.currentTimeMillis());
                long d = System.nanoTime();
                merged = stored.size();
                if (i >= 5) {
                    fetchMs.add((b - a) / 1e6);
                    coldMs.add((c - b) / 1e6);
                    steadyMs.add((d - c) / 1e6);
                }
                if (i == 0 && cold.boxes() != boxes) {
                    System.err.println("bench-team: the view has " + cold.boxes() + " boxes, expected " + boxes);
                }
                Thread.sleep(1000);
            }

            List<Double> lastBoxMs = new ArrayList<>();
            List<Double> perBoxMs = new ArrayList<>();
            for (int t = 0; t < trials; t++) {
                String session = "s" + (t % sessions);
                boolean clear = (t / sessions) % 2 == 1;
                String want = clear ? "" : "corp-proxy";
                long start = System.nanoTime();
                if (clear) {
                    TeamRoutes.clear(team, List.of(session), "bench", "bench", System.currentTimeMillis());
                } else {
                    TeamRoutes.publish(team, List.of(session), "corp-proxy", null, Duration.ofMinutes(30), "bench", "bench",
                            System.currentTimeMillis());
                }
                long deadline = start + 30_000_000_000L;
                while (System.nanoTime() < deadline && !allApplied(front, boxes, session, want)) {
                    Thread.sleep(5);
                }
                long last = 0;
                for (int b = 0; b < boxes; b++) {
                    String id = String.format("box-%03d", b) + "/" + session;
                    long at = appliedAt.getOrDefault(id, start);
                    perBoxMs.add((at - start) / 1e6);
                    last = Math.max(last, at);
                }
                lastBoxMs.add((last - start) / 1e6);
                Thread.sleep(300);
            }
            agents.forEach(BridgeTeamAgent::close);
            // The dashboard runs in its own process, not beside 1000 agents: the same fetched lists, merged again here
            // with the agents stopped, polling reader and new reader interleaved.
            List<Double> replaySteadyMs = new ArrayList<>();
            List<Double> replayColdMs = new ArrayList<>();
            Inbox replay = new Inbox(team.newGate());
            for (int i = 0; i < fetched.size(); i++) {
                long a = System.nanoTime();
                TeamView replayed = merge(replay, fetched.get(i), fetchedAt.get(i));
                if (replayed.boxes() != boxes) {
                    System.err.println("bench-team: the replayed view has " + replayed.boxes() + " boxes, expected " + boxes);
                }
                long b = System.nanoTime();
                merge(new Inbox(team.newGate()), fetched.get(i), fetchedAt.get(i));
                long c = System.nanoTime();
                if (i >= 5) {
                    replaySteadyMs.add((b - a) / 1e6);
                    replayColdMs.add((c - b) / 1e6);
                }
            }

            long[] rss = bridgeRss(jar, tmp, url);
            String row = "%-52s %-16s %s%n";
            System.out.printf(row, "team mode, " + boxes + " boxes x " + sessions + " sessions, real redis-server ("
                    + Runtime.getRuntime().availableProcessors() + " cores)", "measured", "target");
            System.out.printf(row, "-".repeat(52), "-".repeat(16), "-".repeat(20));
            System.out.printf(row, "summaries published per second", f(publishPerS) + "/s", "");
            System.out.printf(row, "Redis commands per second (all bridges)", f(opsPerS) + "/s", "");
            System.out.printf(row, "Redis memory: team data (used_memory_dataset delta)", kib(datasetAfter - datasetBefore), "");
            System.out.printf(row, "Redis memory: total incl. " + agents.size() + " connections", kib(memoryAfter - memoryBefore), "");
            System.out.printf(row, "bytes per summary (signed envelope, 2 upstreams)", f(bytesPerSummary) + " B", "");
            System.out.printf(row, "team reroute to one box applied p50 / p99", f(p(perBoxMs, 50)) + " / " + f(p(perBoxMs, 99)) + " ms", "");
            System.out.printf(row, "team reroute to LAST box applied p50 / p99 (" + trials + " runs)",
                    f(p(lastBoxMs, 50)) + " / " + f(p(lastBoxMs, 99)) + " ms", "p99 <= 2000 ms");
            System.out.printf(row, "team view: read " + merged + " summaries from Redis p50 / p99", f(p(fetchMs, 50)) + " / " + f(p(fetchMs, 99)) + " ms", "");
            System.out.printf(row, "team view merge, dashboard polling 1/s p50 / p99", f(p(replaySteadyMs, 50)) + " / " + f(p(replaySteadyMs, 99)) + " ms", "<= 10 ms");
            System.out.printf(row, "team view merge, new reader (verify all) p50 / p99", f(p(replayColdMs, 50)) + " / " + f(p(replayColdMs, 99)) + " ms", "");
            System.out.printf(row, "  same, measured beside the running agents p50 / p99", f(p(steadyMs, 50)) + " / " + f(p(steadyMs, 99)) + " ms", "");
            System.out.printf(row, "  new reader beside the running agents p50 / p99", f(p(coldMs, 50)) + " / " + f(p(coldMs, 99)) + " ms", "");
            System.out.printf(row, "sessions whose counts change (busy)", "1 in 4", "");
            System.out.printf(row, "machine load average (1 min) at the end", Files.readString(Path.of("/proc/loadavg")).split(" ")[0], "");
            System.out.printf(row, "bridge RSS after 200 requests, no [team]", rss[0] / 1024 + " MiB", "");
            System.out.printf(row, "bridge RSS after 200 requests, [team] + Jedis", rss[1] / 1024 + " MiB", "");
        } finally {
            admin.close();
            redis.destroyForcibly();
        }
        System.exit(0);
    }

    /** What a reader does with the stored summaries: verify (skipping what it already believed) and merge. */
    static TeamView merge(Inbox inbox, List<String> stored, long now) {
        List<Summary> summaries = new ArrayList<>(stored.size());
        for (String text : stored) {
            inbox.read(text, "summary", null, Summary.class, now, Team.SUMMARY_TTL.plusSeconds(30))
                    .ifPresent(l -> summaries.add(l.body().madeAt(l.envelope().ts())));
        }
        return TeamMerge.merge(summaries, now);
    }

    static boolean allApplied(Map<String, String> front, int boxes, String session, String want) {
        for (int b = 0; b < boxes; b++) {
            if (!want.equals(front.getOrDefault(String.format("box-%03d", b) + "/" + session, ""))) {
                return false;
            }
        }
        return true;
    }

    static String sessionTables(int sessions) {
        StringBuilder out = new StringBuilder();
        for (int s = 0; s < sessions; s++) {
            out.append("\n[sessions.s").append(s).append("]\nport = ").append(20000 + s)
                    .append("\nroute = [\"anthropic\", \"corp-proxy\"]\n");
        }
        return out.toString();
    }

    /** A bridge's stats; {@code more} requests on top (a busy session's counts change between publishes). */
    static BridgeStats stats(String session, int box, int s, int more) {
        Instant now = Instant.now();
        int failures = box % 3 == 0 ? 40 : 2;
        Map<String, BridgeStats.UpstreamStats> upstreams = new java.util.LinkedHashMap<>();
        upstreams.put("anthropic", new BridgeStats.UpstreamStats("closed", null, 200 + more, failures,
                Map.of("ok", 200 + more - failures, "overloaded", failures), 420L, 200, now));
        upstreams.put("corp-proxy", new BridgeStats.UpstreamStats("closed", null, 12, 0, Map.of("ok", 12), 180L, 200, now));
        return new BridgeStats(session, 1000 + box, now, 20000 + s, 1, null, List.of("anthropic", "corp-proxy"),
                "anthropic", 0, upstreams, List.of(), List.of());
    }

    /** RSS of a real bridge process after 200 requests to a sim: without a [team] table, then with one. */
    static long[] bridgeRss(String jar, Path tmp, String redisUrl) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process sim = start(tmp.resolve("sim.out"), java, "-XX:+UseSerialGC", "-jar", jar, "sim", "--port", "0", "--name", "bench");
        Matcher m = waitFor(tmp.resolve("sim.out"), Pattern.compile("127\\.0\\.0\\.1:(\\d+)"));
        int simPort = Integer.parseInt(m.group(1));
        long[] out = new long[2];
        for (int i = 0; i < 2; i++) {
            int port = freePort();
            String team = i == 0 ? "" : "[team]\nredis_url = \"" + redisUrl + "\"\nsecret = \"env:BENCH_TEAM_SECRET\"\nbox = \"rss\"\nname = \"bench\"\n\n";
            Path config = Files.writeString(tmp.resolve("bridge-" + i + ".toml"), team + "[upstreams.sim]\nfamily = \"anthropic\"\n"
                    + "base_url = \"http://127.0.0.1:" + simPort + "\"\nauth = \"passthrough\"\n\n"
                    + "[sessions.bench]\nport = " + port + "\nroute = [\"sim\"]\n");
            List<String> cmd = new ArrayList<>(List.of(java));
            cmd.addAll(BridgeLauncher.JVM_OPTIONS);
            cmd.addAll(List.of("-jar", jar, "bridge", "bench", "--config", config.toString()));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("bridge-" + i + ".out").toFile());
            pb.environment().put("XDG_STATE_HOME", tmp.resolve("bridge-state-" + i).toString());
            pb.environment().put("BENCH_TEAM_SECRET", SECRET);
            Process bridge = pb.start();
            CHILDREN.add(bridge);
            waitFor(tmp.resolve("bridge-" + i + ".out"), Pattern.compile("listening on"));
            String token = Files.readString(tmp.resolve("bridge-state-" + i).resolve("detour/bridges/bench.token")).trim();
            HttpClient http = HttpClient.newHttpClient();
            for (int r = 0; r < 200; r++) {
                http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/t/" + token + "/v1/messages"))
                        .header("content-type", "application/json").header("x-api-key", "bench")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":8,"
                                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).build(), HttpResponse.BodyHandlers.discarding());
            }
            Thread.sleep(i == 0 ? 1000 : 6000);
            out[i] = rssKb(bridge.pid());
            bridge.destroyForcibly().waitFor();
        }
        sim.destroyForcibly();
        return out;
    }

    static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    static long info(Jedis j, String field) {
        Matcher m = Pattern.compile("(?m)^" + field + ":(\\d+)").matcher(j.info());
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    static long commandCalls(Jedis j, String command) {
        Matcher m = Pattern.compile("(?m)^cmdstat_" + command + ":calls=(\\d+)").matcher(j.info("commandstats"));
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    static void waitForRedis(int port) throws InterruptedException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Jedis j = new Jedis("127.0.0.1", port, 500)) {
                if ("PONG".equals(j.ping())) {
                    return;
                }
            } catch (RuntimeException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("redis-server did not start");
    }

    static Process start(Path out, String... cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        CHILDREN.add(p);
        return p;
    }

    static Matcher waitFor(Path file, Pattern pattern) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (Files.exists(file)) {
                Matcher m = pattern.matcher(Files.readString(file));
                if (m.find()) {
                    return m;
                }
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("not seen in " + file + ": " + pattern);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        }
    }

    static double p(List<Double> values, int percentile) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    static String f(double v) {
        return v >= 100 ? String.format("%.0f", v) : String.format("%.1f", v);
    }

    static String kib(long bytes) {
        return String.format("%.0f KiB", bytes / 1024.0);
    }
}
