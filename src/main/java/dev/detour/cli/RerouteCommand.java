package dev.detour.cli;

import dev.detour.config.ConfigException;
import dev.detour.route.RouteRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code detour reroute SESSION... --to UPSTREAM}. */
@Command(name = "reroute", mixinStandardHelpOptions = true,
        description = {"Move UPSTREAM to the front of each session's route (adding it when the route lacks it).",
                "Writes the config (only the route lines change) and tells running bridges to reload.",
                "With --team: every box of the team reroutes these sessions for a while (no config file changes)."})
public final class RerouteCommand implements Callable<Integer> {
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

    @Override
    public Integer call() throws ConfigException {
        team.check();
        if (upstream == null && !team.clearing()) {
            throw CliFailure.usage("Missing required option: '--to=UPSTREAM'");
        }
        if (team.team) {
            return team.publish(root.configOption.load().config(), root.configOption.resolve(), sessions,
                    team.clearing() ? null : upstream, null,
                    spec.commandLine().getOut(), spec.commandLine().getErr());
        }
        return RouteUpdate.run(root.configOption, new RouteRequest.Reroute(sessions, upstream),
                spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
