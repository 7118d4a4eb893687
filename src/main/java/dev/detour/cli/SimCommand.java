package dev.detour.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.detour.sim.AnthropicSim;
import dev.detour.sim.BedrockSim;
import dev.detour.sim.CloudSimAuth;
import dev.detour.sim.VertexSim;
import dev.detour.sim.Fault;
import dev.detour.config.Family;
import dev.detour.sim.OpenAiSim;
import dev.detour.sim.ResponsesSim;
import dev.detour.sim.SimFamily;
import dev.detour.sim.SimServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.net.BindException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code detour sim}: a simulated upstream with faults switched at run time, for the demo, drills and tests. */
@Command(name = "sim", mixinStandardHelpOptions = true,
        description = {"Runs a simulated upstream on 127.0.0.1 in the foreground.",
                "Switch its fault at run time with 'detour sim fault --port P MODE' or",
                "  curl -d '{\"mode\":\"status\",\"status\":529}' http://127.0.0.1:P/_sim/fault",
                "GET /_sim/requests lists the API requests it received",
                "(credentials as fingerprints)."},
        subcommands = SimCommand.FaultCommand.class)
public final class SimCommand implements Callable<Integer> {
    @Option(names = "--port", paramLabel = "P", description = "Port on 127.0.0.1 (0 picks a free one); required")
    Integer port;

    @Option(names = "--family", defaultValue = "anthropic", paramLabel = "F",
            description = "Wire format to simulate: anthropic (default) or openai")
    String family;

    @Option(names = "--api", paramLabel = "API",
            description = {"Dialect: for --family openai chat (Chat Completions, default) or responses (the Responses API);",
                    "for --family anthropic messages (default) or a cloud dialect, bedrock or vertex.",
                    "bedrock accepts SigV4 with AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (AWS_SESSION_TOKEN) or the",
                    "  API key AWS_BEARER_TOKEN_BEDROCK, read from the sim's environment;",
                    "vertex accepts the bearer DETOUR_SIM_BEARER and the tokens it issues at POST /token"})
    String api;

    @Option(names = "--region", paramLabel = "R", description = "Region the cloud sim serves (default: us-east-1 / us-east5)")
    String region;

    @Option(names = "--project", defaultValue = "detour-sim", paramLabel = "P",
            description = "Google Cloud project the vertex sim serves (default: ${DEFAULT-VALUE})")
    String project;

    @Option(names = "--token-lifetime-s", defaultValue = "3600", paramLabel = "S",
            description = "Lifetime of the tokens the vertex sim issues (default: ${DEFAULT-VALUE})")
    int tokenLifetimeS;

    @Option(names = "--name", paramLabel = "NAME", description = "How the sim names itself in its answers (default: sim-PORT)")
    String name;

    @Option(names = "--pace-ms", defaultValue = "0", paramLabel = "MS",
            description = "Pause between content events, to stream at a model's pace (default: none)")
    int deltaMs;

    @Option(names = "--fault", paramLabel = "MODE",
            description = "Initial fault: healthy (default), status, reset, no-answer, slow-first-token, cut, stall, error-event")
    String initialMode;

    @Mixin
    FaultOptions initialFault;

    @Override
    public Integer call() throws Exception {
        if (port == null) {
            throw CliFailure.usage("sim: --port is required (0 picks a free port)");
        }
        String simName = name != null ? name : "sim-" + port;
        SimFamily simFamily = switch (family + "/" + (api == null ? "" : api)) {
            case "anthropic/", "anthropic/messages" -> new AnthropicSim(simName);
            case "anthropic/bedrock", "anthropic/vertex" -> cloudFamily(simName);
            case "openai/", "openai/chat" -> new OpenAiSim(simName);
            case "openai/responses" -> new ResponsesSim(simName);
            default -> throw CliFailure.usage(Family.fromWireName(family) == null
                    ? "--family: expected anthropic or openai"
                    : "--api: expected " + (family.equals("openai") ? "chat or responses" : "messages, bedrock or vertex")
                            + " for --family " + family);
        };
        SimServer sim;
        try {
            sim = SimServer.start(simFamily, port, deltaMs);
        } catch (BindException e) {
            throw CliFailure.runtime("port " + port + " on 127.0.0.1 is not free: " + e.getMessage());
        }
        if (initialMode != null) {
            try {
                sim.faults().set(Fault.fromJson(initialFault.json(initialMode)));
            } catch (IllegalArgumentException bad) {
                sim.close();
                throw CliFailure.usage(bad.getMessage());
            }
        }
        System.out.println("sim " + family + (api != null ? " " + api : "") + " listening on http://127.0.0.1:" + sim.port() + " fault "
                + sim.faults().current().describe());
        System.out.flush();
        new CountDownLatch(1).await();
        return ExitCodes.OK;
    }

    private SimFamily cloudFamily(String simName) {
        CloudSimAuth auth = CloudSimAuth.fromEnv(System::getenv);
        return switch (api) {
            case "bedrock" -> {
                if (!auth.hasAwsKeys() && auth.bedrockBearer() == null) {
                    throw CliFailure.usage("sim --api bedrock checks signatures: set AWS_ACCESS_KEY_ID and "
                            + "AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN) or AWS_BEARER_TOKEN_BEDROCK in its environment");
                }
                yield new BedrockSim(simName, auth, region != null ? region : "us-east-1", Clock.systemUTC());
            }
            case "vertex" -> new VertexSim(simName, auth, project, region != null ? region : "us-east5",
                    Duration.ofSeconds(Math.max(1, tokenLifetimeS)), Clock.systemUTC());
            default -> throw CliFailure.usage("--api: expected bedrock or vertex");
        };
    }

    /** The fault options, shared by the server (initial fault) and {@code sim fault} (switch a running sim). */
    static final class FaultOptions {
        @Option(names = "--status", paramLabel = "N", description = "HTTP status for --fault status (500, 503, 529, 429, 401, ...)")
        Integer status;
        @Option(names = "--retry-after", paramLabel = "S", description = "retry-after seconds sent with the status")
        Integer retryAfter;
        @Option(names = "--delay-ms", paramLabel = "MS", description = "wait before the first token (slow-first-token)")
        Integer delayMs;
        @Option(names = "--after-events", paramLabel = "N", description = "content events before a cut or stall")
        Integer afterEvents;
        @Option(names = "--times", paramLabel = "N", description = "apply to the next N requests only")
        Integer times;

        ObjectNode json(String mode) {
            ObjectNode json = new ObjectMapper().createObjectNode().put("mode", mode);
            if (status != null) json.put("status", status);
            if (retryAfter != null) json.put("retry_after_s", retryAfter);
            if (delayMs != null) json.put("delay_ms", delayMs);
            if (afterEvents != null) json.put("after_events", afterEvents);
            if (times != null) json.put("times", times);
            return json;
        }
    }

    @Command(name = "fault", mixinStandardHelpOptions = true,
            description = "Switches the fault of a running sim (POST /_sim/fault) and prints the fault now in force.")
    static final class FaultCommand implements Callable<Integer> {
        @Option(names = "--port", required = true, paramLabel = "P", description = "The sim's port")
        int port;
        @Parameters(index = "0", paramLabel = "MODE", description = "healthy, status, reset, no-answer, slow-first-token, cut, stall, error-event")
        String mode;
        @Mixin
        FaultOptions options;

        @Override
        public Integer call() throws IOException, InterruptedException {
            try {
                Fault.fromJson(options.json(mode));
            } catch (IllegalArgumentException bad) {
                throw CliFailure.usage(bad.getMessage());
            }
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/_sim/fault"))
                    .timeout(Duration.ofSeconds(3)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(options.json(mode).toString())).build();
            HttpResponse<String> response;
            try {
                response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw CliFailure.runtime("no sim answers on 127.0.0.1:" + port + ": " + e.getMessage());
            }
            if (response.statusCode() != 200) {
                throw CliFailure.runtime("sim refused the fault: " + response.body());
            }
            System.out.println(response.body());
            return ExitCodes.OK;
        }
    }
}
