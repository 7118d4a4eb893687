package dev.detour.cli;

import dev.detour.config.ConfigException;
import dev.detour.route.RouteRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code detour reroute SESSION... --to UPSTREAM}. */
@Command(name = "reroute", mixinStandardHelpOptions = true,
        description = {"Move UPSTREAM to the front of each session's route (adding it when the route lacks it).",
                "Writes the config (only the route lines change) and tells running bridges to reload.",
                "With --team: every box of the team reroutes these sessions for a while (no config file changes)."})
public final class RerouteCommand implements Callable<Integer>, QuickCommand {
    static final QuickSyntax QUICK = new QuickSyntax("reroute", Set.of("--team", "--clear"),
            Set.of("--to", "--for", "--reason"), 1, Integer.MAX_VALUE);

    @ParentCommand
    DetourCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "SESSION", description = "Sessions to reroute.")
    List<String> sessions;

    @Option(names = "--to", paramLabel = "UPSTREAM", description = "The upstream to send their traffic to.")
    String upstream;

    @picocli.CommandLine.Mixin
    TeamRouteOptions team = new TeamRouteOptions();

    static RerouteCommand quick(DetourCommand root, QuickArgs args) {
        RerouteCommand command = new RerouteCommand();
        command.root = root;
        command.sessions = args.positionals();
        command.upstream = args.value("--to");
        command.team.team = args.flag("--team");
        command.team.length = args.value("--for");
        command.team.reason = args.value("--reason");
        command.team.clear = args.flag("--clear");
        return command;
    }

    @Override
    public Integer call() throws ConfigException {
        return run(spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    @Override
    public int run(PrintWriter out, PrintWriter err) throws ConfigException {
        team.check();
        if (upstream == null && !team.clearing()) {
            throw CliFailure.usage("Missing required option: '--to=UPSTREAM'");
        }
        if (team.team) {
            return team.publish(root.configOption.load().config(), root.configOption.resolve(), sessions,
                    team.clearing() ? null : upstream, null, out, err);
        }
        return RouteUpdate.run(root.configOption, new RouteRequest.Reroute(sessions, upstream), out, err);
    }
}
